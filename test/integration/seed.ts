import { env } from "cloudflare:test";
import { insertResponse } from "../../worker/db/responses";

type At = {
  site: string;
  survey: string;
  kind: string;
  score: number | null;
  at: string | number;
  service?: string;
  topic?: string;
  segment?: Record<string, string>;
};

/**
 * Stores a response at a chosen time through the Worker's own write path (row and rollups in one
 * batch), for tests about time that cannot wait for the clock.
 */
export function insertAt(r: At): Promise<void> {
  return insertResponse(env.DB, {
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
    createdAt: typeof r.at === "number" ? r.at : Date.parse(r.at),
  });
}
