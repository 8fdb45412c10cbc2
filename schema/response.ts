import { z } from "zod";
import { Locale, Slug } from "./common";
import { Dimension } from "./config";

/** Comments and other free text: 4096 characters at most, counted after NFC normalisation. */
export const MAX_COMMENT_LENGTH = 4096;
/** Body limit of every public write (contract: 413 over 16 KiB). */
export const MAX_BODY_BYTES = 16 * 1024;

// C0 and C1 control characters other than tab, line feed and carriage return.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Free text as people type it: NFC-normalised, line breaks kept, control characters refused. */
export const FreeText = (max: number) =>
  z
    .string()
    .refine((value) => value.isWellFormed(), "must be valid Unicode (no lone surrogates)")
    .refine((value) => !CONTROL.test(value), "must not contain control characters")
    .transform((value) => value.normalize("NFC").replace(/\r\n?/g, "\n"))
    .refine((value) => value.length <= max, `must be at most ${max} characters`);

export const SegmentValue = FreeText(64).pipe(z.string().trim().min(1, "must not be empty"));

export const ResponseInput = z.strictObject({
  site: Slug,
  survey: Slug,
  // Integer-ness and range depend on the survey's kind, checked once the survey is known.
  score: z.number().nullish(),
  comment: FreeText(MAX_COMMENT_LENGTH).nullish(),
  service: Slug.nullish(),
  topic: Slug.nullish(),
  segment: z.record(Dimension, SegmentValue).optional(),
  locale: Locale.nullish(),
  page: z.string().max(2048).nullish(),
  /** A respondent token from the intranet's server, for a site that verifies employees by token (README: "Intranet identity"). */
  respondent: z.string().max(4096).nullish(),
  idempotencyKey: z.uuid().nullish(),
});
export type ResponseInput = z.infer<typeof ResponseInput>;

export const ResponseCreated = z.object({ id: z.string(), followUp: z.string() });
export type ResponseCreated = z.infer<typeof ResponseCreated>;
