import * as z from "zod";
import { Audience, Slug } from "./common";
import { Comparison } from "./compare";

/** A calendar day, `2026-03-03`, that exists. */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date, YYYY-MM-DD")
  .refine((day) => new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), "must be a date that exists");

/** `PUT /v1/services/{service}/actions/{id}`: what a team did, and on which day (UTC). */
export const ActionInput = z.strictObject({
  title: z.string().trim().min(1, "must not be empty").max(120),
  date: Day,
  note: z.string().trim().max(2000).optional(),
});
export type ActionInput = z.infer<typeof ActionInput>;

export const Action = ActionInput.extend({
  id: Slug,
  service: Slug,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Action = z.infer<typeof Action>;

export const ActionList = z.strictObject({ items: z.array(Action) });

export const ActionParam = z.object({ service: Slug, id: Slug });

/** A half-open range `[from, to)`, ISO 8601 UTC. */
const Range = z.strictObject({ from: z.string(), to: z.string() });

/**
 * An action's before/after: the same number of whole days before and after its date (at most `days`, and no
 * more than have passed since), one comparison per audience and kind that rates the service. Employees' figures
 * count only the release groups of closed periods whose middles fall in each range (README: "Employees'
 * anonymity").
 */
export const ActionEffect = z.strictObject({
  days: z.number().int(),
  before: Range,
  after: Range,
  comparisons: z.array(Comparison.extend({ audience: Audience })),
});
export type ActionEffect = z.infer<typeof ActionEffect>;

/** `GET /v1/services/{service}/actions/{id}`: the action with its before/after. */
export const ActionWithEffect = Action.extend({ effect: ActionEffect });

/** `GET /v1/services/{service}/actions/{id}?days=`: the longest before/after, in days (about six months). */
export const ActionEffectQuery = z.strictObject({
  days: z.coerce
    .number()
    .int("must be a whole number of days")
    .min(1, "must be at least 1")
    .max(182, "must be at most 182 (about six months)")
    .default(28),
});
