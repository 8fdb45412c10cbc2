import * as z from "zod";
import { Dimension, Locale, SEVERAL, Slug } from "./common";

/** Comments and other free text: 4096 characters at most, counted after NFC normalisation. */
export const MAX_COMMENT_LENGTH = 4096;
/** Body limit of every public write (contract: 413 over 16 KiB). */
export const MAX_BODY_BYTES = 16 * 1024;

// C0 and C1 control characters other than tab, line feed and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is what it is for.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): they reorder what the
// team reads in the inbox ("Trojan Source"). Refused, not stripped: stripping silently changes what was
// said. The marks people type in RTL text (LRM U+200E, RLM U+200F, ALM U+061C) stay allowed.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** Free text as people type it: NFC-normalised, line breaks kept, control characters refused. */
export const FreeText = (max: number) =>
  z
    .string()
    .refine((value) => value.isWellFormed(), "must be valid Unicode (no lone surrogates)")
    .refine((value) => !CONTROL.test(value), "must not contain control characters")
    .refine(
      (value) => !BIDI_CONTROL.test(value),
      "must not contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069)",
    )
    .transform((value) => value.normalize("NFC").replace(/\r\n?/g, "\n"))
    .refine((value) => value.length <= max, `must be at most ${max} characters`);

export const SegmentValue = FreeText(64).pipe(
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .refine(
      (value) => value !== SEVERAL,
      `must not be "${SEVERAL}", which stands for several values in released groups`,
    ),
);

export const ResponseInput = z.strictObject({
  site: Slug,
  survey: Slug,
  // Integer-ness and range depend on the survey's kind, checked once the survey is known.
  score: z.number().nullish(),
  comment: FreeText(MAX_COMMENT_LENGTH).nullish(),
  service: Slug.nullish(),
  topic: Slug.nullish(),
  segment: z
    .preprocess(
      (value, ctx) => {
        // JSON.parse makes "__proto__" an own key, which z.record skips silently: refuse it like any other
        // key that is not a dimension, rather than storing the answer without it.
        if (value && typeof value === "object" && Object.hasOwn(value, "__proto__")) {
          ctx.issues.push({
            code: "custom",
            message: "not a dimension of this site",
            path: ["__proto__"],
            input: value,
          });
        }
        return value;
      },
      z.record(Dimension, SegmentValue),
    )
    .optional(),
  locale: Locale.nullish(),
  page: z.string().max(2048).nullish(),
  /**
   * A respondent token from the intranet's server, for a site that verifies employees by token
   * (README: "Intranet identity").
   */
  respondent: z.string().max(4096).nullish(),
  idempotencyKey: z.uuid().nullish(),
  /** Cloudflare Turnstile's token, for a site that requires it (single use, valid 300 s). */
  turnstile: z.string().max(2048).nullish(),
  /**
   * A honeypot: the widget renders this field hidden from people and assistive technology, so only a
   * form-filling bot fills it. Such an answer gets a normal-looking 201 and is not stored.
   */
  website: z.string().max(2048).nullish(),
});
export type ResponseInput = z.infer<typeof ResponseInput>;

/**
 * `followUp` is left out of an idempotent replay, on a site that verifies employees, to anyone but the employee
 * who answered (README: "Intranet identity").
 */
export const ResponseCreated = z.object({ id: z.string(), followUp: z.string().optional() });
export type ResponseCreated = z.infer<typeof ResponseCreated>;
