import type { ResponseInput } from "../../schema/response";
import { randomId } from "./ids";
import type { WidgetOptions } from "./options";
import type { View } from "./state";

/**
 * The body of `POST /v1/responses`, typed by the schema the Worker validates it with. Unset fields
 * are left out (JSON.stringify drops undefined). A fresh idempotency key per attempt: an attempt is
 * only repeated by the queue, with its stored body, and a refused one stored nothing.
 */
export const buildPayload = (
  view: View,
  { segment, respondentToken }: WidgetOptions,
  root: ShadowRoot,
): ResponseInput => ({
  site: view.site,
  survey: view.survey,
  score: view.score,
  // The server stores a blank comment as none.
  comment: view.comment.trim(),
  service: view.service,
  topic: view.topic,
  segment,
  locale: view.locale,
  // Origin and path only: query strings and fragments often carry tokens and personal data. The
  // server refuses longer (422), and a refused answer would be lost.
  page: (location.origin + location.pathname).slice(0, 2048),
  // The intranet's signed respondent token, as the page was given it (README: "Intranet identity").
  respondent: respondentToken,
  // The honeypot (fields.tsx): empty unless a bot filled it.
  website: root.querySelector<HTMLInputElement>("[aria-hidden]")!.value,
  idempotencyKey: randomId(),
});
