import { load } from "./load";
import { idle } from "./request";
import { update } from "./storage";

/**
 * The loader's part of the answer queue (queue.ts): answers an earlier page could not send wait in
 * localStorage, and only then is the queue's code loaded (dist/queue.js). Answers given on this page are sent,
 * and kept sending, by the panel's copy of it.
 */
export function sendQueued(base: string): void {
  if (update("feedloop:queue")[0]) idle(() => load(base + "/queue.js"));
}
