import fc from "fast-check";
import { bucketStart, nextBucket } from "../../../worker/domain/buckets";
import { prng as seededPrng } from "../reference";

/**
 * A random organisation for the anonymity tests: employees in teams of 1 to 30 answering on one or
 * two internal sites (2–3 dimensions each, a reporting period and a time zone), customers answering on
 * an external site, both rating the same services. The plan is drawn by fast-check; the answers are
 * drawn from the plan's seed, so one plan is one organisation.
 */
export const DIMENSIONS = ["team", "role", "office"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const TOPICS = ["speed", "quality"];
export const HOUR = 3_600_000;
/** Wednesday: the open period has answers, and the closed weeks before it cross Europe's DST change. */
export const NOW = Date.parse("2026-04-01T10:00:00Z");

export type PeriodRule = { reportingPeriod: "day" | "week"; timeZone: string };
export type InternalSitePlan = PeriodRule & { dimensions: Dimension[]; pulse: boolean };
export type OrgPlan = {
  seed: number;
  minGroupSize: number;
  teamSizes: number[];
  sites: InternalSitePlan[];
  closedPeriods: number;
  participation: number;
  externalAnswers: number;
};

const internalSiteArb: fc.Arbitrary<InternalSitePlan> = fc.record({
  dimensions: fc.shuffledSubarray([...DIMENSIONS], { minLength: 2, maxLength: 3 }),
  reportingPeriod: fc.constantFrom("day" as const, "week" as const),
  timeZone: fc.constantFrom("UTC", "Europe/Warsaw", "Asia/Kolkata"),
  pulse: fc.boolean(),
});

export const orgPlanArb: fc.Arbitrary<OrgPlan> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  minGroupSize: fc.integer({ min: 3, max: 6 }),
  // Many small teams and one or two large ones, as in a real company.
  teamSizes: fc.array(fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 7, max: 30 })), {
    minLength: 2,
    maxLength: 4,
  }),
  sites: fc.array(internalSiteArb, { minLength: 1, maxLength: 2 }),
  closedPeriods: fc.integer({ min: 2, max: 3 }),
  participation: fc.double({ min: 0.4, max: 0.9, noNaN: true }),
  externalAnswers: fc.integer({ min: 15, max: 40 }),
});

export const periodStart = (rule: PeriodRule, at: number) => bucketStart(rule.reportingPeriod, rule.timeZone, at);
export const periodEnd = (rule: PeriodRule, start: number) => nextBucket(rule.reportingPeriod, rule.timeZone, start);
export const periodMiddle = (rule: PeriodRule, start: number) => start + (periodEnd(rule, start) - start) / 2;

/** The closed periods a site's history covers (oldest first), and the open one at NOW. */
export function periodsOf(rule: PeriodRule, closedPeriods: number) {
  const open = { start: periodStart(rule, NOW), end: periodEnd(rule, periodStart(rule, NOW)) };
  const closed: { start: number; end: number }[] = [];
  for (let end = open.start; closed.length < closedPeriods; ) {
    const start = periodStart(rule, end - 1);
    closed.unshift({ start, end });
    end = start;
  }
  return { closed, open };
}

/** One answer as the test gave it: what a perfect observer would know. */
export type Answer = {
  site: string;
  audience: "internal" | "external";
  survey: string;
  kind: "csat" | "nps";
  score: number;
  comment: string | null;
  service: string | null;
  topic: string | null;
  segment: Record<string, string>;
  locale: string | null;
  page: string | null;
  at: number;
  /** Set once posted. */
  id?: string;
  followUp?: string;
};

export type Survey = { id: string; kind: "csat" | "nps"; services: string[]; topics: string[] };
export type InternalSite = InternalSitePlan & { id: string; surveys: Survey[]; periods: ReturnType<typeof periodsOf> };
export type Org = {
  plan: OrgPlan;
  minGroupSize: number;
  services: string[];
  internal: InternalSite[];
  external: { id: string; survey: Survey };
  answers: Answer[];
};

/** The suite's PRNG (reference.ts), with a coin: the answers follow from the plan's seed alone. */
export function prng(seed: number) {
  const random = seededPrng(seed);
  return { ...random, chance: (p: number) => random.next() < p };
}

export type Ids = { site: (role: string) => string; survey: () => string; service: () => string };

/** The organisation a plan describes, with its answers (not yet posted), oldest first. */
export function buildOrg(plan: OrgPlan, ids: Ids): Org {
  const random = prng(plan.seed);
  const services = [ids.service(), ids.service(), ids.service()];
  const shared = services.slice(0, 2);
  const people = plan.teamSizes.flatMap((size, t) =>
    Array.from({ length: size }, () => ({
      team: `team-${t}`,
      role: random.pick(["ic", "ic", "ic", "lead", "manager"]),
      office: random.pick(["waw", "ber", "remote"]),
    })),
  );
  const internal: InternalSite[] = plan.sites.map((sitePlan, s) => ({
    ...sitePlan,
    id: ids.site(`int${s}`),
    surveys: [
      { id: ids.survey(), kind: "csat" as const, services, topics: TOPICS },
      ...(sitePlan.pulse ? [{ id: ids.survey(), kind: "nps" as const, services: [], topics: TOPICS }] : []),
    ],
    periods: periodsOf(sitePlan, plan.closedPeriods),
  }));
  const external = {
    id: ids.site("ext"),
    survey: { id: ids.survey(), kind: "csat" as const, services: shared, topics: TOPICS },
  };

  const answers: Answer[] = [];
  for (const site of internal) {
    for (const period of [...site.periods.closed, site.periods.open]) {
      // A few whole UTC hours per period (the Worker keeps no finer time for an employee's answer), when
      // a pulse goes out and people answer together.
      const first = Math.ceil(period.start / HOUR) * HOUR;
      const last = Math.min(period.end, NOW) - HOUR;
      const hours = Array.from(
        { length: 4 },
        () => first + random.int(0, Math.max(0, Math.floor((last - first) / HOUR))) * HOUR,
      );
      for (const person of people) {
        if (!random.chance(plan.participation)) continue;
        const survey = random.pick(site.surveys);
        const segment: Record<string, string> = {};
        for (const dimension of site.dimensions) if (!random.chance(0.05)) segment[dimension] = person[dimension];
        answers.push({
          site: site.id,
          audience: "internal",
          survey: survey.id,
          kind: survey.kind,
          score: survey.kind === "csat" ? random.int(1, 5) : random.int(0, 10),
          comment: random.chance(0.3) ? `note ${random.int(1, 1e6)} from ${person.team}` : null,
          service: survey.services.length && random.chance(0.85) ? random.pick(survey.services) : null,
          topic: random.chance(0.6) ? random.pick(TOPICS) : null,
          segment,
          locale: random.chance(0.2) ? random.pick(["pl", "de", "en"]) : null,
          page: random.chance(0.2) ? `https://intranet.example/people/${person.team}` : null,
          at: random.pick(hours),
        });
      }
    }
  }
  const from = Math.min(...internal.map((site) => site.periods.closed[0]!.start));
  for (let i = 0; i < plan.externalAnswers; i++) {
    answers.push({
      site: external.id,
      audience: "external",
      survey: external.survey.id,
      kind: "csat",
      score: random.int(1, 5),
      comment: random.chance(0.3) ? `customer note ${i}` : null,
      service: random.chance(0.9) ? random.pick(shared) : null,
      topic: random.chance(0.5) ? random.pick(TOPICS) : null,
      segment: random.chance(0.7) ? { plan: random.pick(["free", "pro"]) } : {},
      locale: "en",
      page: "https://shop.example/help",
      at: from + Math.floor(random.next() * ((NOW - from) / 60_000)) * 60_000,
    });
  }
  answers.sort((a, b) => a.at - b.at);
  return { plan, minGroupSize: plan.minGroupSize, services, internal, external, answers };
}

/** The internal site an answer was given on, or undefined for an external answer. */
export const internalSiteOf = (org: Org, answer: { site: string }) =>
  org.internal.find((site) => site.id === answer.site);
