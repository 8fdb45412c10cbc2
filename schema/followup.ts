import * as z from "zod";
import { Timestamp } from "./common";
import { FreeText, MAX_COMMENT_LENGTH } from "./response";

export const STATUSES = ["new", "in_progress", "resolved", "dismissed"] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

export const ReplyInput = z.strictObject({
  text: FreeText(MAX_COMMENT_LENGTH).pipe(z.string().trim().min(1, "must not be empty")),
});

export const StatusInput = z.strictObject({ status: Status });

/** A follow-up token as `POST /v1/responses` returns it: URL-safe base64 of 24 random bytes. */
export const FollowUpParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "not a follow-up token") });
export const ResponseParam = z.object({ id: z.uuid() });

export const Reply = z.strictObject({ from: z.enum(["team", "respondent"]), text: z.string(), at: Timestamp });
export type Reply = z.infer<typeof Reply>;
/** `GET /v1/followups/{token}`: what the respondent sees of their answer's thread. */
export const FollowUp = z.strictObject({ status: Status, replies: z.array(Reply) });
export type FollowUp = z.infer<typeof FollowUp>;
/** `PATCH /v1/responses/{id}`. */
export const StatusChanged = z.strictObject({ id: z.string(), status: Status });
