import type { Site, Survey } from "../../schema/config";
import type { ResponseInput } from "../../schema/response";
import { scoreProblem } from "./kinds";
import { periodStart } from "./reporting-period";
import { listedValueProblem } from "./segment-values";

/**
 * A response as stored: what `buildResponse` makes of an answer. `service` and `topic` are '' when absent
 * (see the migration).
 */
export type ResponseRecord = {
  id: string;
  site: string;
  survey: string;
  kind: string;
  score: number | null;
  comment: string | null;
  service: string;
  topic: string;
  segment: Record<string, string>;
  locale: string | null;
  page: string | null;
  followUpHash: string;
  createdAt: number;
};

const HOUR = 3_600_000;

/** One thing wrong with an answer: the field (`score`, `segment.team`) and what is wrong with it. */
export type AnswerProblem = { path: string; message: string };

/**
 * An answer its survey or site cannot take, with every problem at once. Plain domain data: the caller
 * decides what it means for its reader (collect/ answers the contract's 422 with these as `details`).
 */
export class AnswerRejected extends Error {
  constructor(readonly problems: AnswerProblem[]) {
    super(problems.map((problem) => `${problem.path}: ${problem.message}`).join("; "));
    this.name = "AnswerRejected";
  }
}

/** Only origin and path of the page: query strings and fragments often carry tokens and emails. */
export function pageWithoutQuery(page: string): string | null {
  try {
    const url = new URL(page);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin + url.pathname : null;
  } catch {
    return null;
  }
}

/**
 * Checks an answer against its survey and site (what the schema alone cannot know) and shapes the
 * row to store. Every problem is reported at once (AnswerRejected), so a form can show them all.
 */
export function buildResponse(
  site: Site,
  survey: Survey,
  input: ResponseInput,
  ids: { id: string; followUpHash: string },
  now: number,
  /** The dimensions a verified credential gave (identity/): the site's lists of values do not apply to them. */
  verifiedDimensions: readonly string[] = [],
): ResponseRecord {
  const problems: AnswerProblem[] = [];
  const scoreIssue = scoreProblem(survey.kind, input.score);
  if (scoreIssue) problems.push({ path: "score", message: scoreIssue });
  const comment = input.comment?.trim() ? input.comment : null;
  if (survey.kind === "text" && !comment) problems.push({ path: "comment", message: "required for text surveys" });
  if (input.service && !survey.services.includes(input.service)) {
    problems.push({
      path: "service",
      message: survey.services.length ? `must be one of ${survey.services.join(", ")}` : "this survey rates no service",
    });
  }
  if (input.topic && !survey.topics.includes(input.topic)) {
    problems.push({
      path: "topic",
      message: survey.topics.length ? `must be one of ${survey.topics.join(", ")}` : "this survey has no topics",
    });
  }
  for (const [dimension, value] of Object.entries(input.segment ?? {})) {
    const listedIssue = verifiedDimensions.includes(dimension) ? null : listedValueProblem(site, dimension, value);
    if (listedIssue) problems.push({ path: `segment.${dimension}`, message: listedIssue });
    if (!site.dimensions.includes(dimension)) {
      problems.push({
        path: `segment.${dimension}`,
        message: site.dimensions.length
          ? `not a dimension of this site (${site.dimensions.join(", ")})`
          : "this site takes no segment",
      });
    }
  }
  const page = input.page ? pageWithoutQuery(input.page) : null;
  if (input.page && !page) problems.push({ path: "page", message: "must be an http(s) URL" });
  if (problems.length > 0) throw new AnswerRejected(problems);

  return {
    id: ids.id,
    site: site.id,
    survey: survey.id,
    kind: survey.kind,
    score: survey.kind === "text" ? null : input.score!,
    comment,
    service: input.service ?? "",
    topic: input.topic ?? "",
    // Keys sorted, so the same segment is the same stored text (the inbox counts groups by it).
    segment: Object.fromEntries(Object.entries(input.segment ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))),
    locale: input.locale ?? null,
    page,
    followUpHash: ids.followUpHash,
    // Employees' answers keep no time finer than the hour (a minute would help tie them to a person),
    // and never fall before the open period's start (in a zone whose midnight is not on a UTC hour).
    createdAt: site.audience === "internal" ? Math.max(Math.floor(now / HOUR) * HOUR, periodStart(site, now)) : now,
  };
}

/** Canonical JSON (sorted keys) of a payload, so the same answer hashes the same however it was sent. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
