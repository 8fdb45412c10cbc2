import * as z from "zod";
import { Period, Timestamp } from "./common";
import { Reply, Status } from "./followup";
import { filterQuery } from "./filters";

const Score = z.coerce.number().int().min(0).max(10);
const Bool = z.enum(["true", "false"]).transform((value) => value === "true");

/** Filters of the inbox and the exports, beyond those shared with aggregates. */
const RESPONSE_FILTERS = {
  status: Status.optional(),
  minScore: Score.optional(),
  maxScore: Score.optional(),
  hasComment: Bool.optional(),
};

export const InboxQuery = filterQuery({
  ...RESPONSE_FILTERS,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.uuid().optional(),
});
export type InboxQuery = z.output<typeof InboxQuery>;

export const ExportQuery = filterQuery(RESPONSE_FILTERS);
export type ExportQuery = z.output<typeof ExportQuery>;

export const InboxItem = z.strictObject({
  id: z.string(),
  site: z.string(),
  survey: z.string(),
  kind: z.string(),
  score: z.number().nullable(),
  comment: z.string().nullable(),
  service: z.string().nullable(),
  topic: z.string().nullable(),
  segment: z.record(z.string(), z.string()),
  locale: z.string().nullable(),
  page: z.string().nullable(),
  status: Status,
  /** ISO 8601; for an employee's answer, the start of its reporting period. */
  createdAt: Timestamp,
  /** An employee's answer: the closed reporting period it was released in; null for a customer's. */
  period: Period.nullable(),
  replies: z.number().int(),
  /**
   * An employee's answer, shown as its release group shows it: the group's `survey`, `service`, `topic`
   * and `segment` ("*" where generalised), the period instead of a time, no `locale` or `page`.
   */
  anonymized: z.boolean(),
});
export type InboxItem = z.infer<typeof InboxItem>;

/** `GET /v1/responses`: a page, newest first; `nextCursor` is null on the last page. */
export const InboxPage = z.strictObject({ items: z.array(InboxItem), nextCursor: z.string().nullable() });
export type InboxPage = z.infer<typeof InboxPage>;

/** One response with its thread (`GET /v1/responses/{id}`): `replies` still counts, `thread` holds them. */
export const InboxThread = InboxItem.extend({ thread: z.array(Reply) });
export type InboxThread = z.infer<typeof InboxThread>;
