import * as z from "zod";
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

export type Reply = { from: "team" | "respondent"; text: string; at: string };
export type FollowUp = { status: Status; replies: Reply[] };
