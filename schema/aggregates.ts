import * as z from "zod";
import { Kind } from "./common";
import { Dimension } from "./config";
import { filterQuery } from "./filters";

/** A 95% interval `[lo, hi]` in the figure's own units: NPS points or percent. */
export const Interval = z.tuple([z.number(), z.number()]);

export const GROUP_FIELDS = ["site", "survey", "service", "owner", "audience", "topic"] as const;
export const GroupField = z
  .string()
  .refine(
    (field) =>
      (GROUP_FIELDS as readonly string[]).includes(field) ||
      (field.startsWith("segment.") && Dimension.safeParse(field.slice(8)).success),
    `must be one of ${GROUP_FIELDS.join(", ")} or segment.<dimension>`,
  );

/**
 * Omitted or empty: no grouping. Not `.default([])`: /openapi.json would show the parsed array as the
 * default of a parameter the client sends as a string.
 */
const GroupBy = z
  .string()
  .optional()
  .transform((value = "") =>
    value
      .split(",")
      .map((field) => field.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(GroupField)
      .max(2, "at most two fields")
      .refine((fields) => new Set(fields).size === fields.length, "fields must differ"),
  )
  .meta({
    description:
      `Up to two of ${GROUP_FIELDS.join(", ")} or segment.<dimension>, comma-separated; ` +
      "omitted or empty, no groups",
  });

/** `GET /v1/aggregates`: filters, `segment.<dim>=value`, a time range, buckets and up to two group-bys. */
export const AggregatesQuery = filterQuery({
  bucket: z.enum(["hour", "day", "week", "month"]).optional(),
  groupBy: GroupBy,
  /** `raw` forces a scan of the raw responses: the reference the rollups are checked against. */
  source: z.enum(["auto", "raw"]).default("auto"),
});
export type AggregatesQuery = z.output<typeof AggregatesQuery>;

/**
 * One figure: `count`, `mean`, `distribution` (`{"<score>": count}`) and the kind's own metrics (null
 * when count is 0). `withheld`: internal answers in scope were left out of it (README: "Employees' anonymity").
 */
export const Cell = z.strictObject({
  count: z.number().int(),
  mean: z.number().nullable(),
  distribution: z.record(z.string(), z.number().int()),
  promoters: z.number().int().optional(),
  passives: z.number().int().optional(),
  detractors: z.number().int().optional(),
  nps: z.number().nullable().optional(),
  satisfied: z.number().int().optional(),
  csat: z.number().nullable().optional(),
  easy: z.number().int().optional(),
  ces: z.number().nullable().optional(),
  up: z.number().int().optional(),
  down: z.number().int().optional(),
  positive: z.number().nullable().optional(),
  withheld: z.literal(true).optional(),
  /**
   * The 95% interval of the headline figure (`nps`, `csat`, `ces` or `positive`), in its units: adjusted Wald
   * for NPS, Wilson for the percentages (shared/stats/intervals.ts). Null when count is 0; absent for text.
   */
  interval: Interval.nullable().optional(),
  /**
   * How often the surveys in this cell were shown (POST /v1/displays), and `count` ÷ `displays` (null when
   * displays is 0). Present only when the query filters and groups by nothing but site, survey, audience and
   * time, and its range and buckets fall on UTC days (README: "Displays and response rate").
   */
  displays: z.number().int().optional(),
  responseRate: z.number().nullable().optional(),
});
export type Cell = z.infer<typeof Cell>;

/** A point of a series: its bucket's start, ISO 8601 with the zone's offset. */
const Point = Cell.extend({ start: z.string() });

/** `GET /v1/aggregates`' answer. */
export const Aggregates = z.strictObject({
  kind: Kind,
  withheld: z.literal(true).optional(),
  total: Cell,
  series: z.array(Point).optional(),
  groups: z
    .array(Cell.extend({ key: z.record(z.string(), z.string().nullable()), series: z.array(Point).optional() }))
    .optional(),
});
export type Aggregates = z.infer<typeof Aggregates>;
