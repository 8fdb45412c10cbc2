import * as z from "zod";
import { Audience, Kind, Slug, TimeZone } from "./common";
import { Dimension } from "./config";

/** ISO 8601 date (`2026-03-01`) or date-time, with or without offset; read in `tz` when it has none. */
export const Instant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/,
    "must be an ISO 8601 date or date-time",
  )
  .refine(isRealInstant, "must be a date and time that exist (2026-02-30 and 2026-13-01 do not)");

/** Whether the calendar holds this date and the clock this time (Date.UTC would roll 02-30 over to 03-02). */
function isRealInstant(value: string): boolean {
  const [year, month, day, hour = 0, minute = 0, second = 0] = value
    .split(/[-T:Z+.]/)
    .slice(0, 6)
    .map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(value.length > 10 ? value : "");
  const offsetOk = !offset || (Number(offset[2]) <= 14 && Number(offset[3]) <= 59);
  return (
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59 &&
    offsetOk
  );
}

export { TimeZone };

/** The filters shared by aggregates, the inbox and the exports. */
export const FILTERS = {
  kind: Kind.optional(),
  survey: Slug.optional(),
  site: Slug.optional(),
  service: Slug.optional(),
  owner: Slug.optional(),
  audience: Audience.optional(),
  topic: Slug.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  tz: TimeZone.default("UTC"),
};

/**
 * The most `segment.<dim>` filters one request may hold: as many as a site may have dimensions. Each is two
 * bound parameters, and D1 binds at most 100 per statement (developers.cloudflare.com/d1/platform/limits).
 */
export const MAX_SEGMENT_FILTERS = 20;

/**
 * A query string of the shared filters plus `extra` parameters, with `segment.<dim>=value` gathered
 * into `segment`. Unknown parameters are refused, so a typo is an error rather than a silent no-op.
 */
export function filterQuery<Extra extends z.ZodRawShape>(extra: Extra) {
  const shape = { ...FILTERS, ...extra };
  return z
    .looseObject(shape)
    .superRefine((query, ctx) => {
      let segments = 0;
      for (const key of Object.keys(query)) {
        if (key in shape) continue;
        if (key.startsWith("segment.") && Dimension.safeParse(key.slice(8)).success) {
          segments++;
          continue;
        }
        ctx.addIssue({ code: "custom", path: [key], message: "unknown parameter" });
      }
      if (segments > MAX_SEGMENT_FILTERS) {
        const message = `at most ${MAX_SEGMENT_FILTERS} segment.<dim> filters per request; this one has ${segments}`;
        ctx.addIssue({ code: "custom", path: ["segment"], message });
      }
    })
    .transform((query) => {
      const known: Record<string, unknown> = {};
      const segment: Record<string, string> = {};
      for (const [key, value] of Object.entries(query)) {
        if (key in shape) known[key] = value;
        else if (typeof value === "string") segment[key.slice(8)] = value;
      }
      return { ...(known as z.output<z.ZodObject<typeof shape>>), segment };
    });
}
