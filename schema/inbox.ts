import * as z from "zod";
import { Status, type Reply } from "./followup";
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

export type InboxItem = {
  id: string;
  site: string;
  survey: string;
  kind: string;
  score: number | null;
  comment: string | null;
  service: string | null;
  topic: string | null;
  segment: Record<string, string>;
  locale: string | null;
  page: string | null;
  status: z.infer<typeof Status>;
  /** ISO 8601; for an employee's answer, the start of its reporting period. */
  createdAt: string;
  /** An employee's answer: the closed reporting period it was released in; null for a customer's. */
  period: { start: string; end: string } | null;
  replies: number;
  /**
   * An employee's answer, shown as its release group shows it: the group's `survey`, `service`, `topic`
   * and `segment` ("*" where generalised), the period instead of a time, no `locale` or `page`.
   */
  anonymized: boolean;
};

/** One response with its thread (`GET /v1/responses/{id}`): `replies` still counts, `thread` holds them. */
export type InboxThread = InboxItem & { thread: Reply[] };
