/**
 * Sample history for the demo sites: about 60 days of answers that look like a shop's customers and an
 * intranet's employees, with comments, topics, segments, triage statuses and a few threads with the team.
 *
 * Every answer goes through the Worker's own code: the body is parsed by `ResponseInput`, checked and
 * shaped by `buildResponse` (internal answers keep only the hour), and stored with
 * `insertResponseStatements`, the response and its rollups in one `db.batch`. So every aggregate the
 * dashboard reads agrees with a raw recomputation, as it does for answers sent by the widget. Statuses go
 * through `setStatus` and threads through `insertReply`, as the inbox's routes do.
 *
 * Run inside workerd by demo/sample-worker.ts (demo/sample-data.mjs starts it on a local D1).
 * Deterministic apart from ids and "now": the same seed draws the same history.
 */
import type { Site, Survey } from "../schema/config";
import { ResponseInput } from "../schema/response";
import { countDisplayStatement } from "../worker/db/displays";
import { insertReply } from "../worker/db/replies";
import { insertResponseStatements, setStatus } from "../worker/db/responses";
import { siteHasResponses } from "../worker/db/sites";
import { randomToken, sha256Hex } from "../worker/domain/crypto";
import { displayBucket } from "../worker/domain/displays";
import { buildResponse, type ResponseRecord } from "../worker/domain/ingest";
import { prng } from "../shared/seeded-random";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A site and its surveys as demo/seed.mjs describes them (what `PUT /v1/sites/…` takes). */
export type DemoSite = {
  site: { name: string; audience: "external" | "internal"; dimensions?: string[]; minGroupSize?: number };
  surveys: Record<
    string,
    Omit<Survey, "site" | "id" | "createdAt" | "updatedAt" | "commentPrompt" | "active"> & {
      commentPrompt?: Survey["commentPrompt"];
      active?: boolean;
    }
  >;
};

export type SampleOptions = {
  /** The demo config (demo/seed.mjs `sites`); every answer is checked against it. */
  sites: Record<string, DemoSite>;
  /** The last moment of the history (default: now). */
  now?: number;
  days?: number;
  seed?: number;
  /** Where the demo pages are served: each answer's `page` (origin and path, as the widget sends it). */
  pageOrigin?: string;
};

export type SampleSummary = {
  days: number;
  responses: number;
  /** How often the widget showed the surveys (POST /v1/displays), for the dashboard's response rate. */
  displays: number;
  bySite: Record<string, number>;
  statuses: number;
  replies: number;
  from: number;
  to: number;
  /** What the teams did, for the seed to record through the API (PUT /v1/services/{service}/actions/{id}). */
  actions: SampleAction[];
};

export type SampleAction = { service: string; id: string; title: string; date: string; note?: string };

// ---------------------------------------------------------------------------------------------------
// What the sample looks like.

type Weighted<T> = readonly (readonly [T, number])[];
type Tone = "low" | "mid" | "high";
type Comment = { text: string; topic: string; locale?: string };

/** One stream of answers: a survey, how many a weekday, which services and segments, and which pages. */
type Stream = {
  /** Days of history when longer than the sample's: Customer support's two sides go back further. */
  days?: number;
  site: string;
  survey: string;
  perDay: number;
  services: Weighted<string>;
  segment: Record<string, Weighted<string>>;
  pages: string[];
};

const STREAMS: Stream[] = [
  {
    site: "demo-shop",
    survey: "nps",
    perDay: 26,
    services: [
      ["checkout", 45],
      ["delivery", 35],
      ["support", 20],
    ],
    segment: {
      plan: [
        ["free", 55],
        ["pro", 35],
        ["business", 10],
      ],
    },
    pages: ["/demo/shop.html"],
  },
  {
    site: "demo-shop",
    survey: "csat",
    days: 112,
    perDay: 9,
    services: [
      ["delivery", 55],
      ["support", 45],
    ],
    segment: {
      plan: [
        ["free", 50],
        ["pro", 38],
        ["business", 12],
      ],
    },
    pages: ["/demo/shop.html"],
  },
  {
    site: "demo-intranet",
    survey: "helpdesk",
    perDay: 11,
    services: [
      ["it-helpdesk", 68],
      ["payroll", 32],
    ],
    // legal and the directors are small: over a month they stay under minGroupSize (5), so the
    // dashboard shows them as "fewer than 5 responses".
    segment: {
      team: [
        ["engineering", 30],
        ["sales", 22],
        ["operations", 18],
        ["finance", 13],
        ["marketing", 13],
        ["legal", 0.9],
      ],
      role: [
        ["engineer", 34],
        ["agent", 24],
        ["analyst", 22],
        ["manager", 18],
        ["director", 0.9],
      ],
    },
    pages: ["/demo/intranet.html"],
  },
  {
    site: "demo-intranet",
    survey: "escalations",
    days: 112,
    perDay: 6,
    services: [["support", 1]],
    segment: {
      team: [
        ["sales", 62],
        ["operations", 24],
        ["marketing", 14],
      ],
      role: [
        ["agent", 40],
        ["manager", 45],
        ["analyst", 15],
      ],
    },
    pages: ["/demo/intranet.html"],
  },
];

/**
 * How each side rates a service: a normal draw around `mean` (today's; `trend` lower 60 days ago), rounded
 * and clipped to the scale, so NPS piles up at 9 and 10 as real answers do. Employees rate Customer
 * support lower than customers do (slow answers on escalated cases): the gap the Services view is for.
 */
const QUALITY: Record<string, { mean: number; sd: number; trend: number }> = {
  "nps/checkout": { mean: 8.9, sd: 2.0, trend: 0.6 },
  "nps/delivery": { mean: 8.5, sd: 2.2, trend: 0.5 },
  "nps/support": { mean: 8.7, sd: 2.1, trend: 0.5 },
  "csat/external/delivery": { mean: 4.0, sd: 1.0, trend: 0.15 },
  "csat/external/support": { mean: 4.1, sd: 0.95, trend: 0.1 },
  "csat/internal/support": { mean: 3.7, sd: 1.0, trend: 0.35 },
  "csat/internal/it-helpdesk": { mean: 4.0, sd: 0.9, trend: 0.1 },
  "csat/internal/payroll": { mean: 3.8, sd: 1.0, trend: -0.1 },
};
/** Business customers are a little happier, free ones a little less. */
const PLAN_SHIFT: Record<string, number> = { free: -0.25, pro: 0.1, business: 0.45 };
/** A warehouse move: deliveries were late for a week, three to four weeks ago. */
const INCIDENT = {
  service: "delivery",
  fromDaysAgo: 26,
  toDaysAgo: 19,
  shift: { nps: -2.2, csat: -1.1 } as Record<string, number>,
};

/**
 * Customer support, both sides (README: "Acting on feedback"): employees who hand cases over feel a change in
 * support a week or two before its customers do, so the service page's lead/lag panel has something to show at
 * lag 1 to 2 weeks over 16 weeks. Both follow the same slow swings (staffing, backlog), customers `lagDays`
 * later, and both step up after the escalation desk's longer hours, employees first. The actions are what the
 * seed records (their before/after cards): the desk, a checklist that moved little, and a review that did nothing.
 */
const SUPPORT = {
  lagDays: 8,
  swing: (daysAgo: number) =>
    0.35 * Math.sin((2 * Math.PI * daysAgo) / 35) + 0.25 * Math.sin((2 * Math.PI * daysAgo) / 61 + 1),
  actions: [
    {
      id: "escalation-desk-evenings",
      daysAgo: 49,
      shift: { internal: 0.8, external: 0.6 },
      title: "Escalation desk staffed until 20:00",
      note: "Two more agents take escalated cases in the evenings, when the queue used to wait until morning.",
    },
    {
      id: "hand-over-checklist",
      daysAgo: 21,
      shift: { internal: 0.15, external: 0 },
      title: "Hand-over checklist for account managers",
    },
    {
      id: "weekly-escalation-review",
      daysAgo: 84,
      shift: { internal: 0, external: 0 },
      title: "Weekly review of escalations with sales",
    },
  ],
};

/** How far Customer support's side `audience` sits from its usual mean `daysAgo` days ago. */
function supportShift(audience: "internal" | "external", daysAgo: number): number {
  const felt = audience === "internal" ? daysAgo : daysAgo + SUPPORT.lagDays;
  const steps = SUPPORT.actions.reduce((sum, action) => sum + (felt < action.daysAgo ? action.shift[audience] : 0), 0);
  return (audience === "internal" ? 1 : 0.8) * SUPPORT.swing(felt) + steps;
}

const COMMENTS: Record<string, Record<Tone, Comment[]>> = {
  checkout: {
    low: [
      {
        text: "Checkout asked me to create an account before paying. I just wanted to buy one thing.",
        topic: "complaint",
      },
      { text: "Payment failed twice with my Visa card, it only worked with PayPal in the end.", topic: "complaint" },
      { text: "The discount code field only shows up at the very last step.", topic: "suggestion" },
      { text: "Versandkosten sieht man erst ganz am Ende, das ist ärgerlich.", topic: "complaint", locale: "de" },
    ],
    mid: [
      { text: "Fine overall, but the address form doesn't know my street.", topic: "suggestion" },
      { text: "Would be great to save my card for next time.", topic: "suggestion" },
      { text: "Does the pro plan include free returns?", topic: "question" },
    ],
    high: [
      { text: "Fastest checkout I've used this year, Apple Pay just worked.", topic: "praise" },
      { text: "Clear prices, no surprises at the end. Thank you!", topic: "praise" },
      { text: "Bardzo wygodne zakupy, płatność BLIK działa świetnie.", topic: "praise", locale: "pl" },
    ],
  },
  delivery: {
    low: [
      { text: "The parcel arrived four days late, and tracking said “delivered” on Monday.", topic: "complaint" },
      { text: "The box was crushed and one of the mugs was broken.", topic: "complaint" },
      { text: "The courier didn't ring, just left a note. I had to drive to the depot.", topic: "complaint" },
      { text: "Das Paket kam eine Woche zu spät.", topic: "complaint", locale: "de" },
    ],
    mid: [
      { text: "Arrived on time, but I'd like a delivery window instead of “between 8 and 18”.", topic: "suggestion" },
      { text: "Can I change the delivery address after ordering?", topic: "question" },
    ],
    high: [
      { text: "Ordered at 10 pm, had it the next morning. Impressive.", topic: "praise" },
      { text: "Plastic-free packaging, love it.", topic: "praise" },
      { text: "Szybka dostawa, wszystko dobrze zapakowane.", topic: "praise", locale: "pl" },
    ],
  },
  "support/external": {
    low: [
      { text: "Waited 40 minutes in the chat queue, and then the chat closed.", topic: "complaint" },
      { text: "Three different agents asked me for the same order number.", topic: "complaint" },
      { text: "My refund still isn't there after two weeks.", topic: "complaint" },
    ],
    mid: [
      { text: "Helpful in the end, but it took two emails to get a real answer.", topic: "suggestion" },
      { text: "Is there a phone number for urgent problems?", topic: "question" },
    ],
    high: [
      { text: "Anna from support sorted out my return in five minutes. Great service!", topic: "praise" },
      { text: "Kind and quick answer, and they sent a voucher for the trouble.", topic: "praise" },
      { text: "Sehr freundlicher Support, das Problem war sofort gelöst.", topic: "praise", locale: "de" },
    ],
  },
  "support/internal": {
    low: [
      { text: "A key account waited five days for an answer on a case I escalated.", topic: "complaint" },
      { text: "No update on the escalation unless I ask in the chat.", topic: "complaint" },
      { text: "The customer got a template answer that didn't fit their question at all.", topic: "complaint" },
    ],
    mid: [
      { text: "Handled fine, but please tell the account owner when the case is closed.", topic: "suggestion" },
      { text: "Is there a faster path for enterprise customers?", topic: "question" },
    ],
    high: [
      { text: "Support turned an angry customer around in a day. Thank you!", topic: "praise" },
      { text: "Clear notes in the ticket, easy to follow up with the client.", topic: "praise" },
    ],
  },
  "it-helpdesk": {
    low: [
      { text: "My laptop replacement took three weeks; I worked from my phone meanwhile.", topic: "complaint" },
      { text: "The ticket was closed without a fix. I had to open it again.", topic: "complaint" },
      { text: "The VPN drops every hour and the answer was “restart it”.", topic: "complaint" },
    ],
    mid: [
      { text: "Solved, but I had to chase it twice.", topic: "suggestion" },
      { text: "A status page for outages would save everyone a ticket.", topic: "suggestion" },
      { text: "Who approves software installs now?", topic: "question" },
    ],
    high: [
      { text: "Password reset in two minutes, thanks!", topic: "praise" },
      { text: "The new self-service portal is great.", topic: "praise" },
      { text: "Marek fixed my docking station the same day.", topic: "praise" },
    ],
  },
  payroll: {
    low: [
      { text: "My overtime from last month is still missing on the payslip.", topic: "complaint" },
      { text: "Nobody answers the payroll mailbox for days.", topic: "complaint" },
      { text: "Travel expenses take two months to be reimbursed.", topic: "complaint" },
    ],
    mid: [
      { text: "Correct in the end, but the payslip is hard to read.", topic: "suggestion" },
      { text: "When is the deadline for this month's expense claims?", topic: "question" },
    ],
    high: [
      { text: "Bonus paid correctly and on time, thank you.", topic: "praise" },
      { text: "Quick answer about my tax form.", topic: "praise" },
    ],
  },
};

/**
 * The share of people shown each survey who answer it (the dashboard's response rate): a shop's NPS
 * prompt is answered least, an intranet pulse more, and an escalation survey, asked of busy account
 * managers, in between.
 */
const ANSWER_RATE: Record<string, number> = {
  "demo-shop/nps": 0.14,
  "demo-shop/csat": 0.31,
  "demo-intranet/helpdesk": 0.35,
  "demo-intranet/escalations": 0.22,
};

/** Threads with the team, on the newest answer that has this comment (and the status they end in). */
const THREADS: {
  comment: string;
  status: "in_progress" | "resolved";
  thread: { from: "team" | "respondent"; text: string; afterHours: number }[];
}[] = [
  {
    comment: "The parcel arrived four days late, and tracking said “delivered” on Monday.",
    status: "resolved",
    thread: [
      {
        from: "team",
        afterHours: 3,
        text:
          "Sorry about this: your parcel was held at the carrier's hub while we moved warehouses. " +
          "We have refunded the shipping cost to your card.",
      },
      { from: "respondent", afterHours: 20, text: "Thanks, I can see the refund. Appreciated!" },
    ],
  },
  {
    comment: "Waited 40 minutes in the chat queue, and then the chat closed.",
    status: "in_progress",
    thread: [
      {
        from: "team",
        afterHours: 5,
        text:
          "Thank you for telling us. We are adding two people to the chat in the evenings, " +
          "when the queue is longest, and we will write again once they start.",
      },
    ],
  },
  {
    comment: "Payment failed twice with my Visa card, it only worked with PayPal in the end.",
    status: "resolved",
    thread: [
      {
        from: "team",
        afterHours: 2,
        text: "We found a fault at one card processor that day and it is fixed now. Sorry for the trouble!",
      },
    ],
  },
  {
    comment: "Is there a phone number for urgent problems?",
    status: "resolved",
    thread: [
      {
        from: "team",
        afterHours: 1,
        text: "Yes: the hotline is open on weekdays from 8 to 20, and its number is now on the help page too.",
      },
    ],
  },
  {
    comment: "My overtime from last month is still missing on the payslip.",
    status: "resolved",
    thread: [
      {
        from: "team",
        afterHours: 6,
        text:
          "Thanks for flagging it. We found the missing hours: they will be paid with the next salary, " +
          "with a correction on the payslip.",
      },
      { from: "respondent", afterHours: 30, text: "Great, thank you." },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------
// Drawing it.

type Random = () => number;

function weighted<T>(random: Random, items: Weighted<T>): T {
  let r = random() * items.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [item, weight] of items) {
    r -= weight;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** A normal draw (Box–Muller). */
function normal(random: Random, mean: number, sd: number): number {
  const u = 1 - random();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function toneOf(kind: string, score: number): Tone {
  if (kind === "nps") return score <= 6 ? "low" : score <= 8 ? "mid" : "high";
  return score <= 2 ? "low" : score === 3 ? "mid" : "high";
}

/** An hour of the day in UTC, shaped like when people answer: customers all day and evening, employees at work. */
function hourOf(random: Random, audience: string): number {
  if (audience === "internal")
    return weighted(random, [
      [7, 6],
      [8, 12],
      [9, 14],
      [10, 13],
      [11, 11],
      [12, 8],
      [13, 11],
      [14, 10],
      [15, 8],
      [16, 5],
    ]);
  return weighted(random, [
    [6, 2],
    [7, 4],
    [8, 6],
    [9, 7],
    [10, 7],
    [11, 7],
    [12, 8],
    [13, 7],
    [14, 6],
    [15, 6],
    [16, 6],
    [17, 7],
    [18, 9],
    [19, 10],
    [20, 9],
    [21, 6],
    [22, 3],
  ]);
}

function siteOf(id: string, demo: DemoSite): Site {
  return {
    id,
    name: demo.site.name,
    audience: demo.site.audience,
    origins: [],
    dimensions: demo.site.dimensions ?? [],
    dimensionValues: {},
    maxDimensionValues: 100,
    minGroupSize: demo.site.minGroupSize ?? 5,
    reportingPeriod: "week",
    timeZone: "UTC",
    currentPeriod: null,
    turnstile: null,
    identity: null,
    autoPrompt: { enabled: false, recontactDays: 7 },
    createdAt: "",
    updatedAt: "",
  };
}

function surveyOf(site: string, id: string, demo: DemoSite["surveys"][string]): Survey {
  return { site, id, commentPrompt: null, active: true, createdAt: "", updatedAt: "", ...demo };
}

type Drawn = { record: ResponseRecord; audience: "external" | "internal"; tone: Tone; daysAgo: number };

/** The answers, oldest first, each built by the Worker's ingest from a body the widget could have sent. */
async function draw(options: Required<SampleOptions>): Promise<Drawn[]> {
  // The longer history draws from a generator of its own, so the last `days` draw as they always did.
  const [recent, older] = [prng(options.seed), prng(options.seed + 3)];
  const today = Math.floor(options.now / DAY) * DAY;
  const drawn: Drawn[] = [];
  const longest = Math.max(options.days, ...STREAMS.map((stream) => stream.days ?? 0));
  for (let daysAgo = longest - 1; daysAgo >= 0; daysAgo--) {
    const random = daysAgo >= options.days ? older : recent;
    const dayStart = today - daysAgo * DAY;
    const weekday = new Date(dayStart).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    // 0 the sample's first day (and before), 1 today.
    const progress = Math.max(0, 1 - daysAgo / Math.max(1, options.days - 1));
    for (const stream of STREAMS) {
      if (daysAgo >= (stream.days ?? options.days)) continue;
      const demo = options.sites[stream.site];
      const surveyConfig = demo?.surveys[stream.survey];
      if (!demo || !surveyConfig)
        throw new Error(`the sample needs ${stream.site}/${stream.survey}, which the demo config does not have`);
      const site = siteOf(stream.site, demo);
      const survey = surveyOf(stream.site, stream.survey, surveyConfig);
      const audience = site.audience;
      const volume = stream.perDay * (weekend ? (audience === "internal" ? 0.12 : 0.75) : 1) * (0.75 + 0.5 * random());
      const count = Math.floor(volume) + (random() < volume % 1 ? 1 : 0);
      for (let i = 0; i < count; i++) {
        const at = dayStart + hourOf(random, audience) * HOUR + Math.floor(random() * HOUR);
        if (at > options.now) continue;
        const service = weighted(random, stream.services);
        const segment: Record<string, string> = {};
        for (const [dimension, values] of Object.entries(stream.segment))
          if (random() < 0.97) segment[dimension] = weighted(random, values);

        const quality = QUALITY[survey.kind === "nps" ? `nps/${service}` : `${survey.kind}/${audience}/${service}`];
        if (!quality) throw new Error(`no quality for ${survey.kind} ${audience} ${service}`);
        let mean =
          quality.mean -
          quality.trend * (1 - progress) +
          (PLAN_SHIFT[segment.plan ?? ""] ?? 0) * (survey.kind === "nps" ? 1 : 0.4);
        if (service === INCIDENT.service && daysAgo <= INCIDENT.fromDaysAgo && daysAgo >= INCIDENT.toDaysAgo)
          mean += INCIDENT.shift[survey.kind] ?? 0;
        if (service === "support" && survey.kind === "csat") mean += supportShift(audience, daysAgo);
        const [min, max] = survey.kind === "nps" ? [0, 10] : [1, 5];
        const score = Math.min(max, Math.max(min, Math.round(normal(random, mean, quality.sd))));
        const tone = toneOf(survey.kind, score);

        // Unhappy people write more often; during the incident, almost everyone who was let down did.
        const commentRate = { low: 0.55, mid: 0.25, high: 0.3 }[tone];
        const pool = COMMENTS[service === "support" ? `support/${audience}` : service]![tone];
        const comment = random() < commentRate ? pick(random, pool) : null;
        // A comment is in its own language; without one, customers read the widget in theirs.
        const locale = comment
          ? (comment.locale ?? "en")
          : audience === "internal"
            ? "en"
            : weighted(random, [
                ["en", 78],
                ["de", 13],
                ["pl", 9],
              ]);
        const topic = comment ? comment.topic : random() < 0.15 ? pick(random, survey.topics) : null;

        const input = ResponseInput.parse({
          site: site.id,
          survey: survey.id,
          score,
          comment: comment?.text ?? null,
          service,
          topic,
          segment,
          locale,
          page: `${options.pageOrigin}${pick(random, stream.pages)}`,
        });
        // The token itself is never kept, as in POST /v1/responses.
        const followUpHash = await sha256Hex(randomToken(24));
        const record = buildResponse(site, survey, input, { id: crypto.randomUUID(), followUpHash }, at);
        drawn.push({ record, audience, tone, daysAgo });
      }
    }
  }
  return drawn.sort((a, b) => a.record.createdAt - b.record.createdAt);
}

/** How the team triaged the answers with a comment: older ones mostly done, this week's mostly new. */
function statusOf(random: Random, item: Drawn): "new" | "in_progress" | "resolved" | "dismissed" {
  if (!item.record.comment) return "new";
  const weights: Weighted<"new" | "in_progress" | "resolved" | "dismissed"> =
    item.daysAgo >= 10
      ? [
          ["resolved", 60],
          ["dismissed", 14],
          ["in_progress", 6],
          ["new", 20],
        ]
      : item.daysAgo >= 3
        ? [
            ["resolved", 30],
            ["dismissed", 8],
            ["in_progress", 22],
            ["new", 40],
          ]
        : [
            ["new", 88],
            ["in_progress", 12],
          ];
  // Praise needs no follow-up: it is dismissed or left rather than worked on.
  const status = weighted(random, weights);
  return item.tone === "high" && status === "in_progress" ? "resolved" : status;
}

/**
 * The displays behind the answers: per site, survey and bucket (a UTC day; an intranet's reporting period,
 * as POST /v1/displays keeps them: domain/displays.ts `displayBucket`), about answers ÷ the survey's rate,
 * give or take 15 %. Never fewer than the answers: each answer was shown first.
 */
function displaysOf(drawn: Drawn[], sites: Record<string, DemoSite>, seed: number) {
  const random = prng(seed);
  const answers = new Map<
    string,
    { site: string; survey: string; bucket: { start: number; end: number }; n: number }
  >();
  for (const { record } of drawn) {
    const demo = sites[record.site]!;
    const bucket = displayBucket(siteOf(record.site, demo), record.createdAt);
    const key = `${record.site}/${record.survey}/${bucket.start}`;
    const entry = answers.get(key) ?? { site: record.site, survey: record.survey, bucket, n: 0 };
    entry.n++;
    answers.set(key, entry);
  }
  return [...answers.values()].map(({ site, survey, bucket, n }) => {
    const rate = ANSWER_RATE[`${site}/${survey}`] ?? 0.25;
    return { site, survey, bucket, count: Math.max(n, Math.round((n / rate) * (0.85 + 0.3 * random()))) };
  });
}

const RESPONSES_PER_BATCH = 40;

/** True when none of the demo sites has a response yet (a fresh database, or one where the demo was never used). */
export async function demoSitesAreEmpty(db: D1Database, sites: Record<string, DemoSite>): Promise<boolean> {
  for (const id of Object.keys(sites)) if (await siteHasResponses(db, id)) return false;
  return true;
}

/**
 * Writes the sample history into `db` (the demo config itself is put in place through the API by
 * demo/seed.mjs; responses do not depend on it being there first).
 */
export async function writeSampleHistory(db: D1Database, options: SampleOptions): Promise<SampleSummary> {
  const settings: Required<SampleOptions> = {
    now: Date.now(),
    days: 60,
    seed: 20260601,
    pageOrigin: "http://127.0.0.1:8787",
    ...options,
  };
  const drawn = await draw(settings);

  for (let i = 0; i < drawn.length; i += RESPONSES_PER_BATCH) {
    const chunk = drawn.slice(i, i + RESPONSES_PER_BATCH);
    // Each response's insert and its rollups stay together, as in POST /v1/responses; several
    // responses share a transaction only to make the one-time load quicker.
    await db.batch(chunk.flatMap(({ record, audience }) => insertResponseStatements(db, record, audience)));
  }

  const displays = displaysOf(drawn, settings.sites, settings.seed + 2);
  for (let i = 0; i < displays.length; i += RESPONSES_PER_BATCH)
    await db.batch(
      displays
        .slice(i, i + RESPONSES_PER_BATCH)
        .map(({ site, survey, bucket, count }) => countDisplayStatement(db, site, survey, bucket, count)),
    );

  const random = prng(settings.seed + 1);
  let statuses = 0;
  for (const item of drawn) {
    const status = statusOf(random, item);
    if (status === "new") continue;
    await setStatus(db, item.record.id, status);
    statuses++;
  }

  let replies = 0;
  for (const { comment, status, thread } of THREADS) {
    // The newest answer with this comment that is old enough for its whole thread to have happened.
    const lastReplyAfter = Math.max(...thread.map((reply) => reply.afterHours)) * HOUR;
    const target = drawn.findLast(
      (item) => item.record.comment === comment && item.record.createdAt + lastReplyAfter <= settings.now,
    );
    if (!target) continue;
    for (const reply of thread) {
      const at = target.record.createdAt + reply.afterHours * HOUR;
      // An employee's own reply keeps only the hour, like their answer (worker/routes/followups.ts).
      const internal = settings.sites[target.record.site]?.site.audience === "internal";
      await insertReply(
        db,
        target.record.id,
        reply.from,
        reply.text,
        reply.from === "respondent" && internal ? Math.floor(at / HOUR) * HOUR : at,
      );
      replies++;
    }
    await setStatus(db, target.record.id, status);
  }

  const bySite: Record<string, number> = {};
  for (const { record } of drawn) bySite[record.site] = (bySite[record.site] ?? 0) + 1;
  return {
    days: Math.max(settings.days, ...STREAMS.map((stream) => stream.days ?? 0)),
    responses: drawn.length,
    displays: displays.reduce((sum, { count }) => sum + count, 0),
    bySite,
    statuses,
    replies,
    from: drawn[0]?.record.createdAt ?? settings.now,
    to: settings.now,
    actions: SUPPORT.actions.map(({ id, daysAgo, title, note }) => ({
      service: "support",
      id,
      title,
      date: new Date(settings.now - daysAgo * DAY).toISOString().slice(0, 10),
      ...(note ? { note } : {}),
    })),
  };
}
