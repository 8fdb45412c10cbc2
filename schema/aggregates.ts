import { z } from "zod";
import { Audience, Kind, Slug } from "./common";
import { Dimension } from "./config";

/** ISO 8601 date (`2026-03-01`) or date-time, with or without offset; read in `tz` when it has none. */
export const Instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/, "must be an ISO 8601 date or date-time");

export const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Europe/Warsaw");

export const GROUP_FIELDS = ["site", "survey", "service", "owner", "audience", "topic"] as const;
const GroupField = z
  .string()
  .refine(
    (field) => (GROUP_FIELDS as readonly string[]).includes(field) || (field.startsWith("segment.") && Dimension.safeParse(field.slice(8)).success),
    `must be one of ${GROUP_FIELDS.join(", ")} or segment.<dimension>`,
  );

const GroupBy = z
  .string()
  .transform((value) => value.split(",").map((field) => field.trim()).filter(Boolean))
  .pipe(
    z
      .array(GroupField)
      .max(2, "at most two fields")
      .refine((fields) => new Set(fields).size === fields.length, "fields must differ"),
  );

const Filters = {
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

/** `GET /v1/aggregates`: filters, `segment.<dim>=value`, a time range, buckets and up to two group-bys. */
export const AggregatesQuery = z
  .looseObject({
    ...Filters,
    bucket: z.enum(["hour", "day", "week", "month"]).optional(),
    groupBy: GroupBy.default([]),
    /** `raw` forces a scan of the raw responses: the reference the rollups are checked against. */
    source: z.enum(["auto", "raw"]).default("auto"),
  })
  .superRefine((query, ctx) => {
    for (const key of Object.keys(query)) {
      if (key in Filters || key === "bucket" || key === "groupBy" || key === "source") continue;
      if (key.startsWith("segment.") && Dimension.safeParse(key.slice(8)).success) continue;
      ctx.addIssue({ code: "custom", path: [key], message: "unknown parameter" });
    }
  })
  .transform((query) => {
    const segment: Record<string, string> = {};
    for (const [key, value] of Object.entries(query)) {
      if (key.startsWith("segment.") && typeof value === "string") segment[key.slice(8)] = value;
    }
    return {
      kind: query.kind,
      survey: query.survey,
      site: query.site,
      service: query.service,
      owner: query.owner,
      audience: query.audience,
      topic: query.topic,
      from: query.from,
      to: query.to,
      tz: query.tz,
      bucket: query.bucket,
      groupBy: query.groupBy as string[],
      source: query.source,
      segment,
    };
  });
export type AggregatesQuery = z.output<typeof AggregatesQuery>;
