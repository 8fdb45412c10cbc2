import * as z from "zod";

/** Every id in the API: a lowercase slug, so it is safe in URLs, CSV headers and rollup keys. */
export const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "must be a lowercase slug: [a-z0-9][a-z0-9-]{0,63}");

export const Kind = z.enum(["nps", "csat", "ces", "thumbs", "text"]);
export type Kind = z.infer<typeof Kind>;

export const Audience = z.enum(["external", "internal"]);

/** An IANA time zone, as Intl knows it: `Europe/Warsaw`, `UTC`. */
export const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Europe/Warsaw");

/**
 * How often an internal site releases its employees' answers: each period closes at local midnight in
 * the site's time zone (weeks on Monday, quarters in January, April, July and October).
 */
export const ReportingPeriod = z.enum(["day", "week", "month", "quarter"]);
export type ReportingPeriod = z.infer<typeof ReportingPeriod>;

/** Segment dimensions are slugs too, but also allow camelCase (`customerType`) as the contract does. */
export const Dimension = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, "must be a name such as team or customerType");

/** What a generalised release-group attribute reads as ("several"): never a real value. */
export const SEVERAL = "*";
export type Audience = z.infer<typeof Audience>;

/** The score range of each kind (inclusive); `text` takes no score. */
export const SCORE_RANGE: Record<Exclude<Kind, "text">, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
  thumbs: { min: 0, max: 1 },
};

/** BCP 47-ish language tag, e.g. `en`, `pt-BR`, `zh-Hans`. */
export const Locale = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "must be a language tag such as en or pt-BR");

/** Localized text: `{en: "...", ru: "..."}`; at least one language. */
export const LocalizedText = z
  .record(Locale, z.string().min(1).max(500))
  .refine((value) => Object.keys(value).length > 0, "needs at least one language");
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Every error the API answers (README: "Errors"); `details` lists a validation failure's problems. */
export const ErrorBody = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/**
 * An instant as the API writes it: ISO 8601, e.g. `2026-03-01T00:00:00.000Z` or, in a series, with the
 * zone's offset.
 */
export const Timestamp = z.string();

/** A period of time, `end` exclusive. */
export const Period = z.strictObject({ start: Timestamp, end: Timestamp });
export type Period = z.infer<typeof Period>;
