/**
 * The benchmark's synthetic world: sites of both audiences, 20 services with owners, one survey of
 * each kind per site, and a year of responses, all from one seeded PRNG so every run is identical.
 */
import type { Kind } from "../schema/common";
import { prng } from "../shared/seeded-random";
import type { ResponseRecord } from "../worker/domain/ingest";

export const YEAR_START = Date.UTC(2025, 0, 1);
export const YEAR_END = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const KINDS: Kind[] = ["nps", "csat", "ces", "thumbs", "text"];
export const TOPICS = ["complaint", "suggestion", "praise", "question"];

type Random = () => number;
/** Items with their weights (a dimension's values: how many people give each). */
type Weighted<T> = readonly (readonly [T, number])[];
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
function weighted<T>(random: Random, items: Weighted<T>): T {
  let r = random() * items.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [item, weight] of items) {
    r -= weight;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

export type SiteSpec = {
  id: string;
  name: string;
  audience: "external" | "internal";
  origin: string;
  dimensions: Record<string, Weighted<string>>;
  weight: number;
};
export type ServiceSpec = { id: string; name: string; owner: string };
export type SurveySpec = { site: string; id: string; kind: Kind; services: string[]; topics: string[] };

const PLANS: Weighted<string> = [
  ["free", 1],
  ["pro", 1],
  ["enterprise", 1],
];
/**
 * Employees by team and role, weighted by headcount: two large teams, a few middle ones, and small
 * ones (hr, legal, directors). A week's answers of a small team, spread over kinds, services, topics
 * and roles, rarely fill a group of minGroupSize, so release groups must generalise them.
 */
const EMPLOYEES: Record<string, Weighted<string>> = {
  team: [
    ["sales", 30],
    ["support", 24],
    ["platform", 16],
    ["mobile", 9],
    ["data", 7],
    ["finance", 6],
    ["hr", 3],
    ["legal", 1.5],
    ["directors", 0.5],
  ],
  role: [
    ["engineer", 40],
    ["agent", 28],
    ["analyst", 18],
    ["manager", 12],
    ["director", 2],
  ],
};

/** Half of the answers are employees' (internal sites, released per week in release groups). */
export const SITES: SiteSpec[] = [
  {
    id: "shop",
    name: "Web shop",
    audience: "external",
    origin: "https://shop.example",
    dimensions: { plan: PLANS },
    weight: 30,
  },
  {
    id: "partners",
    name: "Partner portal",
    audience: "external",
    origin: "https://partners.example",
    dimensions: { plan: PLANS },
    weight: 20,
  },
  {
    id: "intranet",
    name: "Intranet",
    audience: "internal",
    origin: "https://intranet.corp.example",
    dimensions: EMPLOYEES,
    weight: 30,
  },
  {
    id: "helpdesk",
    name: "IT helpdesk",
    audience: "internal",
    origin: "https://help.corp.example",
    dimensions: EMPLOYEES,
    weight: 20,
  },
];

const SERVICE_NAMES = [
  "checkout",
  "search",
  "billing",
  "accounts",
  "shipping",
  "returns",
  "catalog",
  "reviews",
  "notifications",
  "payments",
  "loyalty",
  "support-chat",
  "vpn",
  "email",
  "laptops",
  "onboarding",
  "payroll",
  "wiki",
  "ci",
  "wifi",
];
const OWNERS = ["team-commerce", "team-money", "team-growth", "team-it", "team-people"];
export const SERVICES: ServiceSpec[] = SERVICE_NAMES.map((id, i) => ({
  id,
  name: id.replace(/-/g, " "),
  owner: OWNERS[i % OWNERS.length]!,
}));

/** Each survey rates 5 consecutive services from an offset per site and kind, so sites overlap. */
const SITE_OFFSETS = [0, 4, 2, 6];
export const SURVEYS: SurveySpec[] = SITES.flatMap((site, s) =>
  KINDS.map((kind, k) => ({
    site: site.id,
    id: `${site.id}-${kind}`,
    kind,
    services: Array.from({ length: 5 }, (_, i) => SERVICES[(SITE_OFFSETS[s]! + 3 * k + i) % SERVICES.length]!.id),
    topics: (s + k) % 2 === 0 ? TOPICS : [],
  })),
);

/** A CSAT-rated service that sites of both audiences rate: headline query 2 splits it by audience. */
export function sharedCsatService(): string {
  const ratedBy = (audience: string) =>
    new Set(
      SURVEYS.filter((v) => v.kind === "csat" && SITES.find((s) => s.id === v.site)!.audience === audience).flatMap(
        (v) => v.services,
      ),
    );
  const external = ratedBy("external");
  const shared = [...ratedBy("internal")].filter((service) => external.has(service));
  if (!shared.length) throw new Error("no CSAT service is rated by both audiences: fix SITE_OFFSETS");
  return shared[0]!;
}

// Score weights per kind, index = score. Shaped like real answers: NPS skews high with a tail of
// detractors, CES clusters in the middle, thumbs mostly up.
const SCORE_WEIGHTS: Record<Exclude<Kind, "text">, number[]> = {
  nps: [3, 1, 1, 2, 2, 4, 6, 10, 16, 25, 30],
  csat: [0, 6, 8, 16, 35, 35],
  ces: [0, 3, 5, 10, 20, 27, 22, 13],
  thumbs: [25, 75],
};
// Plain ASCII on purpose (statement sizes are counted in characters); one quote tests the escaping.
const COMMENTS = [
  "Works fine.",
  "Too slow at peak hours.",
  "Couldn't find the button.",
  "Great support, thanks!",
  "Please add dark mode.",
  "The form lost my input.",
];
const LOCALES = ["en", "en", "pl", "de", "fr"];
const PATHS = ["/", "/checkout", "/account", "/help", "/orders"];

const SURVEYS_BY_SITE_KIND = new Map(SURVEYS.map((survey) => [`${survey.site}/${survey.kind}`, survey]));
const KIND_WEIGHTS: (readonly [Kind, number])[] = [
  ["nps", 30],
  ["csat", 25],
  ["ces", 15],
  ["thumbs", 20],
  ["text", 10],
];
const SITE_WEIGHTS = SITES.map((site) => [site, site.weight] as const);

/** `words` × 8 random hex digits, 32 bits per draw. */
const hex = (random: Random, words: number) => {
  let digits = "";
  for (let i = 0; i < words; i++)
    digits += Math.floor(random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, "0");
  return digits;
};
function uuidV4(random: Random): string {
  const digits = hex(random, 4);
  const variant = "89ab"[Math.floor(random() * 4)]!;
  const [timeLow, timeMid, timeHigh] = [digits.slice(0, 8), digits.slice(8, 12), digits.slice(13, 16)];
  return `${timeLow}-${timeMid}-4${timeHigh}-${variant}${digits.slice(17, 20)}-${digits.slice(20)}`;
}

/**
 * `count` responses with created_at uniform over the year, in time order (so rollups can be summed a
 * period at a time). Internal sites keep only the hour, as ingest does.
 */
export function* responses(count: number, seed: number): Generator<ResponseRecord> {
  const random = prng(seed);
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = YEAR_START + Math.floor(random() * (YEAR_END - YEAR_START));
  times.sort();
  for (let i = 0; i < count; i++) {
    const site = weighted(random, SITE_WEIGHTS);
    const kind = weighted(random, KIND_WEIGHTS);
    const survey = SURVEYS_BY_SITE_KIND.get(`${site.id}/${kind}`)!;
    const service = random() < 0.9 ? pick(random, survey.services) : "";
    const topic = survey.topics.length && random() < 0.7 ? pick(random, survey.topics) : "";
    const segment: Record<string, string> = {};
    for (const [dimension, values] of Object.entries(site.dimensions))
      if (random() < 0.95) segment[dimension] = weighted(random, values);
    let score: number | null = null;
    if (kind !== "text") {
      const weights = SCORE_WEIGHTS[kind];
      score = weighted(
        random,
        weights.map((w, s) => [s, w] as const),
      );
      // Some services are better than others: nudge a third of their answers one step.
      const nudge = service ? (SERVICE_NAMES.indexOf(service) % 3) - 1 : 0;
      if (random() < 0.33)
        score = Math.min(weights.length - 1, Math.max(kind === "nps" || kind === "thumbs" ? 0 : 1, score + nudge));
    }
    const comment = kind === "text" || random() < 0.2 ? pick(random, COMMENTS) : null;
    const t = times[i]!;
    yield {
      id: uuidV4(random),
      site: site.id,
      survey: survey.id,
      kind,
      score,
      comment,
      service,
      topic,
      segment,
      locale: pick(random, LOCALES),
      page: site.origin + pick(random, PATHS),
      // Unique by construction: the index, then random digits to look like the SHA-256 it stands for.
      followUpHash: i.toString(16).padStart(8, "0") + hex(random, 7),
      createdAt: site.audience === "internal" ? Math.floor(t / HOUR) * HOUR : t,
    };
  }
}
