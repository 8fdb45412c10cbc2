import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Attacker, type Leak } from "./anonymity/attacker";
import { aggregateAttacks, listingAttacks, refreshQueries, type Planned } from "./anonymity/attacks";
import { readFigures, readRows, stats } from "./anonymity/observe";
import { HOUR, internalSiteOf, NOW, orgPlanArb, prng, type Answer, type Org } from "./anonymity/org-model";
import {
  deleteAsRespondent,
  deliveries,
  postAnswers,
  readKey,
  registerWebhook,
  replyAsRespondent,
  seedOrg,
} from "./anonymity/org-seed";

/**
 * Issue 11's attacker: random organisations, every attack of the issue against the real Worker, with
 * the admin token and with a read key. It counts every way it finds to learn the scores or comments of
 * fewer than minGroupSize employees (attacker.ts says what counts), and there must be none.
 */
const RUNS = 3;
const SEED = 20260401;
const ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

/** Reads every request, with the admin token and the read key in turn (one attacker holds both). */
async function readAll(attacker: Attacker, planned: Planned[], epoch: string, credentials: string[]) {
  for (const [i, { attack, query }] of planned.entries())
    attacker.figures.push(...(await readFigures(query, { attack, epoch, credential: credentials[i % 2]! })));
}

/** One more answer like `template` (the same colleague's group), given at `at`. */
function newAnswer(template: Answer, at: number): Answer {
  return { ...template, comment: `late note at ${at}`, at, id: undefined, followUp: undefined };
}

async function attack(org: Org, random: ReturnType<typeof prng>): Promise<Attacker> {
  const attacker = new Attacker(org);
  const credentials = [ADMIN_TOKEN, await readKey()];
  const closedAnswers = org.answers.filter(
    (a) => internalSiteOf(org, a) && a.at < internalSiteOf(org, a)!.periods.open.start,
  );
  const times = new Map(
    org.internal.map((site) => [site.id, [random.pick(closedAnswers.filter((a) => a.site === site.id)).at + HOUR]]),
  );
  // The victim of the deletion: an answer of the smallest team, in a closed period.
  const teamSize = (a: Answer) =>
    closedAnswers.filter((b) => b.site === a.site && b.segment.team === a.segment.team).length;
  const victim = [...closedAnswers].sort((a, b) => teamSize(a) - teamSize(b))[0]!;
  const refresh = refreshQueries(org, victim);

  vi.setSystemTime(NOW);
  await readAll(attacker, [...aggregateAttacks(org, times), ...refresh], "main", credentials);
  for (const [i, { attack, format, filters }] of listingAttacks(org).entries()) {
    attacker.listings.push({
      ...(await readRows(format, filters, { attack, epoch: "main", credential: credentials[i % 2]! })),
      now: NOW,
    });
  }
  // A respondent answers the team's question in the open period.
  const openAnswer = org.answers.find(
    (a) => internalSiteOf(org, a) && a.at >= internalSiteOf(org, a)!.periods.open.start,
  );
  if (openAnswer) expect((await replyAsRespondent(openAnswer, "Thanks, that was me")).status).toBe(201);

  // Refresh: one colleague answers in the open period, then the period closes, then one more answers.
  const late = newAnswer(victim, NOW + HOUR);
  await postAnswers([late]);
  org.answers.push(late);
  vi.setSystemTime(NOW + HOUR);
  await readAll(attacker, refresh, "refresh-open", credentials);
  const closed = Math.max(...org.internal.map((site) => site.periods.open.end)) + HOUR;
  vi.setSystemTime(closed);
  await readAll(attacker, refresh, "refresh-closed", credentials);
  const later = newAnswer(victim, closed + HOUR);
  await postAnswers([later]);
  org.answers.push(later);
  vi.setSystemTime(closed + HOUR);
  await readAll(attacker, refresh, "refresh-closed-2", credentials);

  // Deletion after close, then the same reads again.
  expect((await deleteAsRespondent(victim)).status).toBe(204);
  await readAll(attacker, refresh, "deleted", credentials);
  return attacker;
}

describe("anonymity of internal answers, attacked", () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ["Date"] }));
  afterEach(() => void vi.useRealTimers());

  it("no combination of requests shows the scores or comments of fewer than minGroupSize employees", {
    timeout: 240_000,
  }, async () => {
    const started = performance.now();
    const leaks: Leak[] = [];
    let comparisons = 0;
    const seen = { figures: 0, rows: 0, events: 0 };
    const anomalies: string[] = [];
    const plans = fc.sample(orgPlanArb, { numRuns: RUNS, seed: SEED });
    for (const plan of plans) {
      vi.setSystemTime(NOW - 60 * 24 * HOUR);
      const org = await seedOrg(plan);
      const hook = await registerWebhook();
      await postAnswers(org.answers);
      const attacker = await attack(org, prng(plan.seed + 1));
      attacker.events = await deliveries(hook);
      leaks.push(...attacker.findLeaks());
      comparisons += attacker.comparisons;
      seen.figures += attacker.seen.figures;
      seen.rows += attacker.seen.rows;
      seen.events += attacker.events.length;
      anomalies.push(...attacker.anomalies);
    }
    const byAttack = Object.fromEntries(
      [...Map.groupBy(leaks, (leak) => leak.attack)].map(([name, list]) => [name, list.length]),
    );
    console.log(
      `anonymity attack (seed ${SEED}, ${RUNS} organisations): ${stats.requests} requests ` +
        `(${stats.refused} refused), ${comparisons} comparisons, ` +
        `${seen.figures} figures and ${seen.rows} rows with employees' answers, ${seen.events} webhook deliveries, ` +
        `${leaks.length} leaks ${JSON.stringify(byAttack)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    for (const list of Map.groupBy(leaks, (leak) => leak.attack).values()) {
      for (const leak of list.slice(0, 3)) console.log(`  leak [${leak.attack}] ${leak.check}: ${leak.detail}`);
    }
    for (const anomaly of anomalies.slice(0, 10)) console.log(`  anomaly: ${anomaly}`);
    expect(seen.figures, "figures that count employees' answers").toBeGreaterThan(0);
    expect(seen.rows, "employees' answers listed").toBeGreaterThan(0);
    expect(anomalies.length, "figures that contradict each other").toBe(0);
    expect(leaks.length, "leaks").toBe(0);
  });
});
