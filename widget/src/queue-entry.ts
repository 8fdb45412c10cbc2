/**
 * Entry point of dist/queue.js, which the loader loads at idle only when answers given on an earlier page still
 * wait to be sent (queued.ts), whether or not the panel ever loads on this page: it sends them (and remembers
 * their follow-up tokens), when back online too, and by beacon when the page goes away.
 */
import { keepSending } from "./queue";

(document.currentScript as HTMLScriptElement & { feedloop: typeof keepSending }).feedloop = keepSending;
