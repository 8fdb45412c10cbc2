import * as z from "zod";
import { Dimension } from "./config";
import { filterQuery } from "./filters";

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

/** `GET /v1/aggregates`: filters, `segment.<dim>=value`, a time range, buckets and up to two group-bys. */
export const AggregatesQuery = filterQuery({
  bucket: z.enum(["hour", "day", "week", "month"]).optional(),
  groupBy: GroupBy.default([]),
  /** `raw` forces a scan of the raw responses: the reference the rollups are checked against. */
  source: z.enum(["auto", "raw"]).default("auto"),
});
export type AggregatesQuery = z.output<typeof AggregatesQuery>;
