import * as z from "zod";
import { Interval, Cell, GroupField } from "./aggregates";
import { Kind } from "./common";
import { filterQuery, Instant } from "./filters";

/**
 * `GET /v1/aggregates/compare`: the aggregates' filters, and either two ranges (`aFrom`/`aTo` against
 * `bFrom`/`bTo`, with no `from`/`to`) or two values of one group field over one range (`by`, `a`, `b`).
 */
export const CompareQuery = filterQuery({
  aFrom: Instant.optional(),
  aTo: Instant.optional(),
  bFrom: Instant.optional(),
  bTo: Instant.optional(),
  by: GroupField.optional().meta({ description: "a group field (site, survey, …, segment.<dimension>)" }),
  a: z.string().min(1).max(200).optional(),
  b: z.string().min(1).max(200).optional(),
});
export type CompareQuery = z.output<typeof CompareQuery>;

/** What is compared: the headline figure of the kind. */
export const Metric = z.enum(["nps", "csat", "ces", "positive"]);

/**
 * B minus A in the figure's units, its 95% interval (adjusted Wald for NPS, Agresti–Caffo for percentages:
 * shared/stats/difference.ts) and whether that interval leaves out 0. All three are null/false when a side has
 * no answers.
 */
export const Comparison = z.strictObject({
  kind: Kind,
  metric: Metric,
  withheld: z.literal(true).optional(),
  a: Cell,
  b: Cell,
  difference: z.number().nullable(),
  interval: Interval.nullable(),
  significant: z.boolean(),
});
export type Comparison = z.infer<typeof Comparison>;
