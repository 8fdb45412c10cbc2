import * as z from "zod";
import { Kind, Timestamp } from "./common";
import { FreeText, MAX_COMMENT_LENGTH } from "./response";

export const STATUSES = ["new", "in_progress", "resolved", "dismissed"] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

export const ReplyInput = z.strictObject({
  text: FreeText(MAX_COMMENT_LENGTH).pipe(z.string().trim().min(1, "must not be empty")),
});

export const StatusInput = z.strictObject({ status: Status });

/** A follow-up token as `POST /v1/responses` returns it: URL-safe base64 of 24 random bytes. */
const FollowUpToken = z
  .string({ error: "send the follow-up token that POST /v1/responses returned (followUp)" })
  .regex(/^[A-Za-z0-9_-]{16,64}$/, "not a follow-up token");
/** Deprecated: the token in the path ends up in access logs. */
export const FollowUpParam = z.object({ token: FollowUpToken });
/** The token in the X-Follow-Up-Token header, where access logs do not keep it (headers arrive lower-cased). */
export const FollowUpHeader = z.object({ "x-follow-up-token": FollowUpToken });

/** A respondent's replies per answer: the thread of a flood stays bounded, and so do its webhooks. */
export const MAX_RESPONDENT_REPLIES = 50;
/** `GET /v1/followup`: a page of the thread, oldest first; `cursor` is the previous page's `nextCursor`. */
export const FollowUpQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.uuid().optional(),
});
export const ResponseParam = z.object({ id: z.uuid() });

export const Reply = z.strictObject({ from: z.enum(["team", "respondent"]), text: z.string(), at: Timestamp });
export type Reply = z.infer<typeof Reply>;
/**
 * The answer a thread is about, as its respondent gave it: the token proves it is theirs, so it tells them
 * nothing new. `at` is when it was stored (an employee's: to the hour).
 */
export const FollowUpAnswer = z.strictObject({
  survey: z.string(),
  kind: Kind,
  /** `null` for `text`; thumbs: 0 down, 1 up. */
  score: z.number().int().nullable(),
  comment: z.string().nullable(),
  service: z.string().nullable(),
  at: Timestamp,
});
export type FollowUpAnswer = z.infer<typeof FollowUpAnswer>;
/**
 * `GET /v1/followup`: what the respondent sees of their answer's thread, a page at a time, oldest first, with
 * the answer itself on every page. `nextCursor` is null on the last page.
 */
export const FollowUp = z.strictObject({
  status: Status,
  answer: FollowUpAnswer,
  replies: z.array(Reply),
  nextCursor: z.string().nullable(),
});
export type FollowUp = z.infer<typeof FollowUp>;
/** `PATCH /v1/responses/{id}`. */
export const StatusChanged = z.strictObject({ id: z.string(), status: Status });
