import { admin, env, queryD1 } from "./api";

/**
 * Employees' answers in closed reporting periods, for the dashboard's tests. An internal site shows an
 * answer only once its period has closed, and a test cannot wait a week: so the answers are sent as the
 * widget sends them (POST /v1/responses, through the Worker's own ingest), then their time is moved
 * back into past weeks in D1, before anything has released them. The Worker then closes those periods
 * on its next read, as it would have when the weeks ended.
 */
export type InternalAnswer = {
  score: number;
  segment: Record<string, string>;
  comment?: string;
  service?: string;
  survey?: string;
};

const WEEK = 7 * 86_400_000;

/** Monday 00:00 UTC of the week holding `now`: a weekly UTC site's open period starts there. */
export function weekStart(now = Date.now()): number {
  const day = new Date(now);
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  return midnight - ((day.getUTCDay() + 6) % 7) * 86_400_000;
}

let visitor = 0;
/** One answer from the site's own origin, each from another address (the per-visitor rate limit). */
export async function respondAs(site: string, origin: string, body: Record<string, unknown>): Promise<string> {
  const address = visitor++;
  const response = await fetch(`${env().workerUrl}/v1/responses`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin,
      "cf-connecting-ip": `198.18.${Math.floor(address / 250) % 250}.${(address % 250) + 1}`,
      "user-agent": `closed-periods/${address}`,
    },
    body: JSON.stringify({ site, idempotencyKey: crypto.randomUUID(), ...body }),
  });
  if (response.status !== 201) throw new Error(`POST /v1/responses → ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/**
 * Sends `weeks[w]`'s answers to a weekly UTC internal site and moves them into the week that closed
 * `weeks.length - w` weeks ago (the last list: last week). `config` is the site as PUT, put again at
 * the end: a config write clears the Worker's per-isolate copy of the site.
 */
export async function answerInClosedWeeks(
  site: string,
  config: Record<string, unknown>,
  origin: string,
  weeks: InternalAnswer[][],
): Promise<void> {
  const moves: [id: string, at: number][] = [];
  const current = weekStart();
  for (const [w, answers] of weeks.entries()) {
    // Wednesday of that week, a minute apart: well inside the week whatever the order.
    const wednesday = current - (weeks.length - w) * WEEK + 2 * 86_400_000 + 10 * 3_600_000;
    for (const [i, answer] of answers.entries()) {
      const id = await respondAs(site, origin, {
        survey: answer.survey ?? "nps",
        score: answer.score,
        segment: answer.segment,
        service: answer.service,
        comment: answer.comment,
      });
      moves.push([id, wednesday + i * 60_000]);
    }
  }
  for (const [id] of moves) if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not a response id: ${id}`);
  if (!/^[a-z0-9-]+$/.test(site)) throw new Error(`not a site id: ${site}`);
  // released_until back to 0: another test's read of every site may have closed this site's (then
  // empty) past periods already; none of its groups exist yet, so they are formed from these answers.
  await queryD1(
    `UPDATE responses SET created_at = CASE id ${moves.map(([id, at]) => `WHEN '${id}' THEN ${at}`).join(" ")} END
       WHERE id IN (${moves.map(([id]) => `'${id}'`).join(", ")});
     UPDATE sites SET released_until = 0 WHERE id = '${site}'`,
  );
  await admin("PUT", `/v1/sites/${site}`, config);
}
