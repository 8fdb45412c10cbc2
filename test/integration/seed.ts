import { env } from "cloudflare:test";
import { insertResponseStatements } from "../../worker/db/responses";

type At = {
  site: string;
  survey: string;
  kind: string;
  score: number | null;
  at: string | number;
  service?: string;
  topic?: string;
  segment?: Record<string, string>;
  /** An internal site's answer waits, pending, for its period to close (worker/db/responses.ts). */
  audience?: "external" | "internal";
};

/**
 * Stores a response at a chosen time through the Worker's own write path (row and rollups in one
 * batch), for tests about time that cannot wait for the clock.
 */
export async function insertAt(...answers: At[]): Promise<void> {
  // One transaction for them all: hundreds of answers in one round trip.
  await env.DB.batch(answers.flatMap((r) => insertResponseStatements(env.DB, record(r), r.audience ?? "external")));
}

function record(r: At) {
  const at = typeof r.at === "number" ? r.at : Date.parse(r.at);
  return {
    id: crypto.randomUUID(),
    site: r.site,
    survey: r.survey,
    kind: r.kind,
    score: r.score,
    comment: null,
    service: r.service ?? "",
    topic: r.topic ?? "",
    segment: r.segment ?? {},
    locale: null,
    page: null,
    followUpHash: crypto.randomUUID(),
    // Internal sites' rows keep no time finer than the hour (migration 0001), as POST /v1/responses stores them.
    createdAt: r.audience === "internal" ? at - (at % 3_600_000) : at,
  };
}
