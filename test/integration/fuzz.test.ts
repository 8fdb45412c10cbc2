import { env } from "cloudflare:test";
import fc from "fast-check";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ResponseRow } from "../../worker/db/responses";
import { api, ORIGIN, seedSurvey } from "./helpers";

/**
 * POST /v1/responses under 10,000+ random and malformed bodies (done-when item of the abuse issue):
 * every answer is 201, 4xx or 429, never 5xx; an error is the contract's `{error: {code, message}}`
 * without SQL or stack text; and nothing is stored for a refusal: the rows of the seeded sites are
 * exactly the 201s (less idempotent replays and honeypot hits), and their rollups add up to them.
 *
 * Each body is also judged by a small model of the contract (`judge`), so a valid body that is refused
 * or an invalid one that is stored fails too; where the contract leaves room the model says "either".
 */

type Kind = "nps" | "csat" | "ces" | "thumbs" | "text";
type Target = {
  name: string;
  site: string;
  survey: string;
  kind: Kind;
  services: string[];
  topics: string[];
  dimensions: string[];
  origins: string[];
  active: boolean;
  /** An intranet site: its answers wait for their period to close and count in no rollup. */
  internal?: boolean;
};
type Verdict = "created" | "rejected" | "either";
type Case = {
  /** The body as sent; FRESH stands for a new idempotency key, drawn on each run of the case. */
  body: string | Uint8Array;
  contentType: string | null;
  origin: string | null;
  keyHeader: string | null;
  /** Sent a second time: in the same burst (a race on the idempotency key) or after the burst. */
  repeat: "none" | "concurrent" | "after";
  /** Most requests come from a random visitor; a few from one hammering visitor, who meets the limit. */
  visitor: "random" | "hammering";
};
type Judgement = { verdict: Verdict; honeypot: boolean; key: "none" | "fresh" | "other"; why: string };

const SEEDS: (Omit<Target, "site" | "survey" | "services" | "topics" | "dimensions" | "origins" | "active"> & {
  services?: string[];
  topics?: string[];
  dimensions?: string[];
  origins?: string[];
  active?: boolean;
  audience?: "external" | "internal";
})[] = [
  { name: "ext-nps", kind: "nps", services: ["fz-checkout", "fz-search"], topics: ["complaint", "praise"] },
  { name: "ext-csat", kind: "csat", services: ["fz-checkout"], topics: ["bug"] },
  { name: "ext-ces", kind: "ces" },
  { name: "ext-thumbs", kind: "thumbs", services: ["fz-search"], topics: ["complaint"] },
  { name: "ext-text", kind: "text", topics: ["idea"] },
  {
    name: "int-nps",
    kind: "nps",
    services: ["fz-payroll"],
    topics: ["complaint"],
    audience: "internal",
    dimensions: ["team", "role"],
  },
  { name: "int-csat", kind: "csat", audience: "internal", dimensions: ["team", "role"] },
  { name: "int-text", kind: "text", topics: ["idea"], audience: "internal", dimensions: ["team", "role"] },
  // Only reached by mutations: always 404, and 403 from our origin.
  { name: "inactive", kind: "nps", active: false },
  { name: "other-origin", kind: "thumbs", origins: ["https://other.example"] },
];

const RANGE: Record<Exclude<Kind, "text">, [number, number]> = {
  nps: [0, 10],
  csat: [1, 5],
  ces: [1, 7],
  thumbs: [0, 1],
};
const KNOWN_FIELDS = [
  "site",
  "survey",
  "score",
  "comment",
  "service",
  "topic",
  "segment",
  "locale",
  "page",
  "idempotencyKey",
  "turnstile",
  "website",
];
const MAX_BODY_BYTES = 16 * 1024;
/** As long as a UUID, so byte sizes are exact before the key is drawn. */
const FRESH = "00000000-fresh-key-placeholder-00000";
const POOLED = [
  "7f1c2a4e-9b3d-4e6f-8a1b-2c3d4e5f6a7b",
  "0b9e8d7c-6f5a-4b3c-9d2e-1f0a9b8c7d6e",
  "c0ffee00-1234-4abc-8def-0123456789ab",
];
const RAW = "__raw-json-token__";

// What the contract calls control characters in text, and the bidi overrides and isolates it refuses.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is what it is for.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
const DIMENSION = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const NIL_OR_MAX = /^0{8}-0{4}-0{4}-0{4}-0{12}$|^f{8}-f{4}-f{4}-f{4}-f{12}$/i;
/** The contract's error codes per status. */
const CODES: Record<number, string[]> = {
  400: ["invalid_json"],
  403: ["origin_not_allowed"],
  404: ["not_found"],
  413: ["payload_too_large"],
  415: ["unsupported_media_type"],
  422: ["validation_failed", "idempotency_conflict"],
  429: ["rate_limited"],
};
const LEAK = new RegExp(
  String.raw`SQLITE|D1_[A-Z]|\bat .+:\d+:\d+|\n\s+at |\.ts:\d+|\.js:\d+|` +
    String.raw`TypeError|ReferenceError|RangeError|SyntaxError|\bstack\b`,
);

const nfc = (value: string) => value.normalize("NFC").replace(/\r\n?/g, "\n");
const freeText = (value: unknown, max: number) =>
  typeof value === "string" &&
  value.isWellFormed() &&
  !CONTROL.test(value) &&
  !BIDI.test(value) &&
  nfc(value).length <= max;
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const bytesOf = (body: string | Uint8Array) => (typeof body === "string" ? new TextEncoder().encode(body) : body);
const acceptedMediaType = (contentType: string | null) => {
  const mediaType = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return mediaType === "" || mediaType === "text/plain" || /^application\/([\w.-]+\+)?json$/.test(mediaType);
};
/** Sets a key as an own property, also `__proto__` (as JSON.parse does). */
function put(object: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The contract's answer to a body: created, refused, or either (where the contract leaves room). */
function judge(targets: Target[], c: Omit<Case, "repeat" | "visitor">): Judgement {
  const reject = (why: string): Judgement => ({ verdict: "rejected", honeypot: false, key: "none", why });
  const bytes = bytesOf(c.body);
  if (bytes.length > MAX_BODY_BYTES) return reject("413 body");
  if (!acceptedMediaType(c.contentType)) return reject("415 content type");
  let input: unknown;
  try {
    input = JSON.parse(new TextDecoder().decode(bytes)); // what Request.text() does: U+FFFD for bad bytes, no BOM
  } catch {
    return reject("400 json");
  }
  if (!isPlainObject(input)) return reject("422 not an object");
  const unknown = Object.keys(input).filter((key) => !KNOWN_FIELDS.includes(key));
  if (unknown.length) return reject(`422 unknown field ${unknown[0]}`);
  const { site, survey, score, comment, service, topic, segment, locale, page, idempotencyKey, turnstile, website } =
    input;
  const nullish = (value: unknown) => value === undefined || value === null;
  let verdict: Verdict = "created";
  const why: string[] = [];
  // The schema.
  if (typeof site !== "string" || !SLUG.test(site)) return reject("422 site");
  if (typeof survey !== "string" || !SLUG.test(survey)) return reject("422 survey");
  if (!nullish(score) && (typeof score !== "number" || !Number.isFinite(score))) return reject("422 score type");
  if (!nullish(comment) && !freeText(comment, 4096)) return reject("422 comment");
  if (!nullish(service) && (typeof service !== "string" || !SLUG.test(service))) return reject("422 service type");
  if (!nullish(topic) && (typeof topic !== "string" || !SLUG.test(topic))) return reject("422 topic type");
  if (segment !== undefined) {
    if (!isPlainObject(segment)) return reject("422 segment type");
    for (const [dimension, value] of Object.entries(segment)) {
      if (dimension === "__proto__") {
        // zod's record skips the key __proto__ (prototype-pollution guard) instead of refusing it.
        verdict = "either";
        why.push("segment.__proto__ is dropped by zod, not refused");
        continue;
      }
      if (!DIMENSION.test(dimension)) return reject("422 segment key");
      if (!freeText(value, 64) || nfc(value as string).trim() === "") return reject("422 segment value");
      // "*" stands for several values in employees' released groups (schema/common.ts SEVERAL).
      if (nfc(value as string).trim() === "*") return reject('422 segment value "*"');
    }
  }
  if (!nullish(locale) && (typeof locale !== "string" || locale.length > 35 || !LOCALE.test(locale)))
    return reject("422 locale");
  if (!nullish(page) && (typeof page !== "string" || page.length > 2048)) return reject("422 page type");
  if (!nullish(turnstile) && (typeof turnstile !== "string" || turnstile.length > 2048)) return reject("422 turnstile");
  if (!nullish(website) && (typeof website !== "string" || website.length > 2048)) return reject("422 website");
  let key: Judgement["key"] = "none";
  if (!nullish(idempotencyKey)) {
    if (typeof idempotencyKey !== "string") return reject("422 idempotencyKey type");
    if (idempotencyKey === FRESH) key = "fresh";
    else if (UUID.test(idempotencyKey)) key = "other";
    else if (NIL_OR_MAX.test(idempotencyKey)) key = "other";
    else return reject("422 idempotencyKey");
  }
  if (!idempotencyKey && c.keyHeader !== null) {
    const header = c.keyHeader.trim();
    if (header === FRESH) key = "fresh";
    else if (UUID.test(header) || NIL_OR_MAX.test(header)) key = "other";
    else return reject("422 Idempotency-Key header");
  }
  // The site, the survey and the origin.
  const target = targets.find((t) => t.site === site && t.survey === survey);
  if (!target?.active) return reject("404 site/survey");
  if (!c.origin || !target.origins.includes(c.origin.toLowerCase())) return reject("403 origin");
  if (typeof website === "string" && website !== "") return { verdict: "either", honeypot: true, key, why: "honeypot" };
  if (key === "other") {
    // A pooled key (or the nil UUID, which zod's uuid() also takes) may have been used with another
    // payload (422) or this one (a replay).
    verdict = "either";
    why.push("pooled idempotency key");
  }
  // The survey's rules.
  if (target.kind === "text") {
    if (!nullish(score)) return reject("422 text takes no score");
    if (typeof comment !== "string" || nfc(comment).trim() === "") return reject("422 text needs a comment");
  } else {
    const [min, max] = RANGE[target.kind];
    if (typeof score !== "number" || !Number.isInteger(score) || score < min || score > max)
      return reject("422 score range");
  }
  if (service && !target.services.includes(service as string)) return reject("422 service not rated");
  if (topic && !target.topics.includes(topic as string)) return reject("422 topic");
  for (const dimension of Object.keys(segment ?? {})) {
    if (dimension !== "__proto__" && !target.dimensions.includes(dimension)) return reject("422 segment dimension");
  }
  if (page) {
    let url: URL | null = null;
    try {
      url = new URL(page as string);
    } catch {}
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return reject("422 page url");
  }
  return { verdict, honeypot: false, key, why: why.join("; ") || "valid" };
}

// ---------------------------------------------------------------------------------------------------
// Arbitraries

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
const CONTROL_CHARS = [...range(0x00, 0x08), "\u000B", "\u000C", ...range(0x0e, 0x1f), ...range(0x7f, 0x9f)];
const BIDI_CHARS = [...range(0x202a, 0x202e), ...range(0x2066, 0x2069)];
const LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\ude00\ud83d"];
const HUMAN = [
  "a",
  "Z",
  "0",
  " ",
  "  ",
  "\n",
  "\t",
  "\r\n",
  ".",
  "!",
  "é",
  "e\u0301",
  "ß",
  "ﬁ",
  "Ǆ",
  "\u0958",
  "Å",
  "Ω",
  "ñ",
  "中文",
  "日本語",
  "한국어",
  "😀",
  "👩‍👩‍👧",
  "🇵🇱",
  "👍🏽",
  "مرحبا",
  "שלום",
  "\u200E",
  "\u200F",
  "\u061C",
  "\u00A0",
  "\u3000",
  "\u2028",
  "\uFEFF",
  "\u200D",
  "\uFFFD",
  "'",
  '"',
  "\\",
  "<script>",
  "'); DROP TABLE responses;--",
];
const acceptable = (value: string) => value.isWellFormed() && !CONTROL.test(value) && !BIDI.test(value);
const humanUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HUMAN) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 2 }).filter(acceptable) },
);
const humanText = (maxLength: number) => fc.string({ unit: humanUnit, maxLength });
const nonBlank = (maxLength: number) => humanText(maxLength).filter((value) => nfc(value).trim() !== "");
const segmentValue = humanText(20).filter((value) => nfc(value).length <= 64 && nfc(value).trim() !== "");
const anyJson = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      42,
      -1,
      0,
      1,
      1.5,
      1e308,
      -0,
      true,
      false,
      null,
      [],
      [1],
      {},
      { a: 1 },
      "",
      " ",
      "x",
      "5",
      "NaN",
      "null",
      "undefined",
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);
const withBad = (bad: fc.Arbitrary<string>) =>
  fc.tuple(humanText(20), bad, humanText(20)).map(([a, x, b]) => a + x + b);
const badText = fc.oneof(
  withBad(fc.constantFrom(...LONE_SURROGATES)),
  withBad(fc.constantFrom(...CONTROL_CHARS)),
  withBad(fc.constantFrom(...BIDI_CHARS)),
  // The marks people do type in RTL text stay allowed.
  withBad(fc.constantFrom("\u200E", "\u200F", "\u061C")),
);
const longComment = fc.constantFrom(
  "a".repeat(4096),
  "a".repeat(4097),
  "é".repeat(4097),
  "e\u0301".repeat(4096), // 8192 code units, 4096 after NFC
  "e\u0301".repeat(4097),
  "中".repeat(4096),
  "中".repeat(4097),
  "😀".repeat(2048), // 4096 code units
  `${"😀".repeat(2048)}a`,
  "😀".repeat(4097), // over 16 KiB too
  "\r\n".repeat(4096), // 4096 after CRLF → LF, but over 16 KiB as JSON
  `${"\r\n".repeat(2000)}x`,
  "a".repeat(20_000),
);
const SCORE_TOKENS = [
  "1e308",
  "-1e308",
  "1e309",
  "-1e309",
  "9007199254740993",
  "9007199254740992",
  "4.5",
  "0.1",
  "1e-300",
  "-1",
  "11",
  "100",
  "-0",
  "0.0",
  "1.0",
  "1E0",
  "5e0",
  "10.0",
  "1.00000000000000001",
  "1.0000000000000002",
  "2147483648",
  "-2147483649",
  "18446744073709551616",
  "123456789012345678901234567890",
  "NaN",
  "Infinity",
  "-Infinity",
  "+1",
  "01",
  ".5",
  "0x10",
  "1_0",
  "5 ",
  "1e+1",
  "true",
  "null",
  '"5"',
  "[5]",
  "{}",
];
const scoreToken = fc.oneof(
  fc.constantFrom(...SCORE_TOKENS),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
  fc.double().map((value) => JSON.stringify(value)),
  fc.integer({ min: -20, max: 20 }).map(String),
);

type Draft = { obj: Record<string, unknown>; raw: string | null; keyHeader: string | null };
type Mutation = (draft: Draft) => void;

function arbitraries(targets: Target[]) {
  const active = targets.filter((t) => t.active && t.origins.includes(ORIGIN));
  const allServices = [...new Set(targets.flatMap((t) => t.services)), "no-such-service", "fz-unknown"];
  const allTopics = [...new Set(targets.flatMap((t) => t.topics)), "gossip", "no-such-topic"];

  const validDraft = (t: Target): fc.Arbitrary<Draft> =>
    fc
      .record({
        score:
          t.kind === "text"
            ? fc.constantFrom(undefined, null)
            : fc.integer({ min: RANGE[t.kind][0], max: RANGE[t.kind][1] }),
        comment:
          t.kind === "text"
            ? nonBlank(300)
            : fc.option(fc.oneof(humanText(300), fc.constant("")), { nil: undefined, freq: 2 }),
        service: t.services.length
          ? fc.option(fc.constantFrom(...t.services), { nil: undefined })
          : fc.constantFrom(undefined, null),
        topic: t.topics.length
          ? fc.option(fc.constantFrom(...t.topics), { nil: undefined })
          : fc.constantFrom(undefined, null),
        segment: t.dimensions.length
          ? fc.option(
              fc
                .subarray(t.dimensions)
                .chain((keys) =>
                  fc
                    .tuple(...keys.map(() => segmentValue))
                    .map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]))),
                ),
              { nil: undefined, freq: 3 },
            )
          : fc.constantFrom(undefined, undefined, {}),
        locale: fc.option(fc.constantFrom("en", "pt-BR", "zh-Hans", "ar", "he", "ja", "EN-us", "sr-Latn-RS"), {
          nil: undefined,
        }),
        page: fc.option(
          fc.constantFrom(
            "https://shop.example/checkout?email=a@b.c#top",
            "http://localhost:8080/",
            "https://例え.jp/パス",
            "https://shop.example",
          ),
          { nil: undefined },
        ),
        website: fc.constantFrom(undefined, undefined, undefined, undefined, "", null),
        key: fc.constantFrom("none", "none", "none", "body", "body", "header"),
      })
      .map(({ key, ...fields }) => {
        const obj: Record<string, unknown> = { site: t.site, survey: t.survey };
        for (const [name, value] of Object.entries(fields)) if (value !== undefined) obj[name] = value;
        if (key === "body") obj.idempotencyKey = FRESH;
        return { obj, raw: null, keyHeader: key === "header" ? FRESH : null };
      });

  const set = (field: string, values: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> =>
    values.map((value) => (d: Draft) => put(d.obj, field, value));
  const otherTarget = fc.constantFrom(...targets);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    set(
      "site",
      fc.oneof(
        anyJson,
        fc.constantFrom("no-such-site", "Bad Site", "a".repeat(65), "SITE", "😀", "site\u0000", "-site"),
        otherTarget.map((t) => t.site),
      ),
    ),
    set(
      "survey",
      fc.oneof(
        anyJson,
        fc.constantFrom("no-such-survey", "Survey", "a".repeat(65)),
        otherTarget.map((t) => t.survey),
      ),
    ),
    // Another target altogether: inactive, another origin, another kind.
    otherTarget.map((t) => (d: Draft) => Object.assign(d.obj, { site: t.site, survey: t.survey })),
    set("score", anyJson),
    set(
      "score",
      fc.oneof(
        fc.integer({ min: -20, max: 20 }),
        fc.double(),
        fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, 0.1 + 0.2),
      ),
    ),
    scoreToken.map((token) => (d: Draft) => {
      d.obj.score = RAW;
      d.raw = token;
    }),
    set(
      "comment",
      fc.oneof(anyJson, humanText(400), longComment, badText, fc.constantFrom("", " ", "\n\t", "\u00A0", "\u3000")),
    ),
    set(
      "service",
      fc.oneof(anyJson, fc.constantFrom(...allServices), fc.constantFrom("Checkout", "fz checkout", "a".repeat(65))),
    ),
    set("topic", fc.oneof(anyJson, fc.constantFrom(...allTopics), fc.constantFrom("Complaint", "a".repeat(65)))),
    set("segment", anyJson),
    fc
      .tuple(
        fc.constantFrom(
          "team",
          "role",
          "shoeSize",
          "constructor",
          "toString",
          "hasOwnProperty",
          "__proto__",
          "1abc",
          "",
          "a b",
          "x".repeat(33),
          "Team",
          "plan",
        ),
        fc.oneof(
          segmentValue,
          anyJson,
          badText,
          fc.constantFrom(
            "*",
            " * ",
            "p".repeat(64),
            "p".repeat(65),
            "x".repeat(1000),
            "y".repeat(10_000),
            "  ",
            " x ",
            "😀".repeat(32),
            "😀".repeat(33),
            "e\u0301".repeat(64),
          ),
        ),
      )
      .map(([key, value]) => (d: Draft) => {
        const segment: Record<string, unknown> = isPlainObject(d.obj.segment) ? { ...d.obj.segment } : {};
        put(segment, key, value);
        d.obj.segment = segment;
      }),
    set(
      "locale",
      fc.oneof(anyJson, fc.constantFrom("english", "e", "en_US", "x".repeat(40), "en-😀", "zh-Hant-TW", "EN", "en-")),
    ),
    set(
      "page",
      fc.oneof(
        anyJson,
        fc.constantFrom(
          "javascript:alert(1)",
          "not a url",
          "ftp://x/",
          `https://shop.example/${"x".repeat(3000)}`,
          "https://shop.example/\ud800",
          "//shop.example/a",
          "HTTPS://SHOP.EXAMPLE/A",
          "data:text/html,hi",
          "http://[::1]:99999/",
        ),
      ),
    ),
    set(
      "idempotencyKey",
      fc.oneof(
        anyJson,
        fc.constantFrom(
          FRESH,
          ...POOLED,
          "not-a-uuid",
          "",
          `{${POOLED[0]}}`,
          `${POOLED[0]}0`,
          "00000000-0000-0000-0000-000000000000",
          POOLED[1]!.toUpperCase(),
        ),
      ),
    ),
    fc
      .constantFrom(FRESH, ...POOLED, "not-a-uuid", "", " ", "00000000-0000-0000-0000-000000000000")
      .map((value) => (d: Draft) => {
        delete d.obj.idempotencyKey;
        d.keyHeader = value;
      }),
    set("turnstile", fc.oneof(anyJson, fc.constantFrom("token", "x".repeat(3000)))),
    // The honeypot: a filled `website` gets a normal-looking 201 and is not stored.
    set("website", fc.oneof(anyJson, nonBlank(40), fc.constantFrom("https://spam.example", "x".repeat(3000)))),
    fc
      .tuple(
        fc.oneof(
          fc.constantFrom(
            "__proto__",
            "constructor",
            "Site",
            "score ",
            "id",
            "createdAt",
            "followUp",
            "status",
            "SCORE",
          ),
          fc.string({ unit: fc.constantFrom(..."abcxyzAZ09_$-"), minLength: 1, maxLength: 12 }),
        ),
        anyJson,
      )
      .map(([key, value]) => (d: Draft) => {
        if (!KNOWN_FIELDS.includes(key)) put(d.obj, key, value);
      }),
    fc.constantFrom(...KNOWN_FIELDS).map((field) => (d: Draft) => void delete d.obj[field]),
  );

  type TextOp =
    | { op: "truncate"; at: number }
    | { op: "bom" }
    | { op: "append"; text: string }
    | { op: "wrap" }
    | { op: "pad"; to: number }
    | { op: "dup"; field: string; value: unknown }
    | { op: "bytes"; at: number; bytes: readonly number[] }
    | { op: "raw-char"; at: number; char: string };
  const textOp: fc.Arbitrary<TextOp> = fc.oneof(
    fc.nat().map((at) => ({ op: "truncate" as const, at })),
    fc.constant<TextOp>({ op: "bom" }),
    fc.constantFrom("x", "}", ",", " \n\t", "{}", "null", "\u0000").map((text) => ({ op: "append" as const, text })),
    fc.constant<TextOp>({ op: "wrap" }),
    fc
      .oneof(
        fc.integer({ min: MAX_BODY_BYTES - 3, max: MAX_BODY_BYTES + 3 }),
        fc.integer({ min: MAX_BODY_BYTES, max: 4 * MAX_BODY_BYTES }),
      )
      .map((to) => ({ op: "pad" as const, to })),
    fc
      .tuple(fc.constantFrom("score", "site", "comment", "segment", "website"), anyJson)
      .map(([field, value]) => ({ op: "dup" as const, field, value })),
    fc
      .tuple(fc.nat(), fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf0, 0x9f], [0xc0, 0xaf], [0x00]))
      .map(([at, bytes]) => ({ op: "bytes" as const, at, bytes })),
    fc
      .tuple(fc.nat(), fc.constantFrom("\u0000", "\u0007", "\u001f", "\u2028", "\u202e"))
      .map(([at, char]) => ({ op: "raw-char" as const, at, char })),
  );
  const applyText = (text: string, op: TextOp): string | Uint8Array => {
    switch (op.op) {
      case "truncate":
        return text.slice(0, op.at % text.length);
      case "bom":
        return `\uFEFF${text}`;
      case "append":
        return text + op.text;
      case "wrap":
        return `[${text}]`;
      case "pad": {
        const need = op.to - new TextEncoder().encode(text).length;
        return need > 0 && text.startsWith("{") ? `{${" ".repeat(need)}${text.slice(1)}` : text;
      }
      case "dup":
        return text.endsWith("}") && text.length > 2
          ? `${text.slice(0, -1)},${JSON.stringify(op.field)}:${JSON.stringify(op.value)}}`
          : text;
      case "bytes": {
        if (text.includes(FRESH)) return text; // the key is drawn into text at send time
        const bytes = new TextEncoder().encode(text);
        const at = op.at % (bytes.length + 1);
        return Uint8Array.from([...bytes.slice(0, at), ...op.bytes, ...bytes.slice(at)]);
      }
      case "raw-char": {
        const at = op.at % (text.length + 1);
        return text.slice(0, at) + op.char + text.slice(at);
      }
    }
  };

  const render = (d: Draft) => {
    const text = JSON.stringify(d.obj);
    return d.raw === null ? text : text.replace(JSON.stringify(RAW), d.raw);
  };

  const objectBody = fc
    .constantFrom(...active)
    .chain((t) =>
      fc.tuple(
        validDraft(t),
        fc.oneof(
          { weight: 11, arbitrary: fc.constant([]) },
          { weight: 7, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 1 }) },
          { weight: 2, arbitrary: fc.array(mutation, { minLength: 2, maxLength: 3 }) },
        ),
        fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: textOp }),
      ),
    )
    .map(([draft, mutations, op]) => {
      for (const mutate of mutations) mutate(draft);
      const text = render(draft);
      return { body: op ? applyText(text, op) : text, keyHeader: draft.keyHeader };
    });

  const malformedBody = fc
    .oneof(
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.string({ unit: "grapheme", maxLength: 50 }),
      fc.json({ maxDepth: 3 }),
      fc.constantFrom(
        "",
        " ",
        "null",
        "true",
        "0",
        "-0",
        "1e309",
        "[]",
        "{}",
        "[{}]",
        '""',
        "{",
        "}",
        "{}}",
        '{"site":',
        "\uFEFF",
        "\u0000",
        "{'site': 'x'}",
        `${"[".repeat(5000)}${"]".repeat(5000)}`,
        `${'{"a":'.repeat(2000)}1${"}".repeat(2000)}`,
        `{"segment":${'{"a":'.repeat(2000)}1${"}".repeat(2001)}`,
      ),
      fc.integer({ min: MAX_BODY_BYTES + 1, max: 3 * MAX_BODY_BYTES }).map((n) => "x".repeat(n)),
      fc.integer({ min: MAX_BODY_BYTES + 1, max: 3 * MAX_BODY_BYTES }).map((n) => `{"site":"${"a".repeat(n)}"}`),
    )
    .map((body) => ({ body: body as string | Uint8Array, keyHeader: null as string | null }));

  const contentType = fc.oneof(
    { weight: 18, arbitrary: fc.constant("application/json") },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "application/json; charset=utf-8",
        "text/plain",
        "text/plain;charset=UTF-8",
        "APPLICATION/JSON",
        "application/ld+json",
        "",
        null,
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "text/html",
        "application/xml",
        "application/jsonp",
        "*/*",
        "json",
      ),
    },
  );
  const origin = fc.oneof(
    { weight: 23, arbitrary: fc.constant<string | null>(ORIGIN) },
    {
      weight: 2,
      arbitrary: fc.constantFrom<string | null>(
        "https://evil.example",
        null,
        "null",
        "HTTPS://SHOP.EXAMPLE",
        "https://shop.example.evil.example",
        "https://other.example",
        "https://shop.example:443",
      ),
    },
  );
  const repeat = fc.constantFrom<Case["repeat"]>(...Array<Case["repeat"]>(16).fill("none"), "concurrent", "after");
  const visitor = fc.oneof(
    { weight: 24, arbitrary: fc.constant("random" as const) },
    { weight: 1, arbitrary: fc.constant("hammering" as const) },
  );

  const caseArb: fc.Arbitrary<Case> = fc
    .tuple(
      fc.oneof({ weight: 19, arbitrary: objectBody }, { weight: 1, arbitrary: malformedBody }),
      contentType,
      origin,
      repeat,
      visitor,
    )
    .map(([{ body, keyHeader }, contentType, origin, repeat, visitor]) => ({
      body,
      contentType,
      origin,
      keyHeader,
      repeat,
      visitor,
    }));
  return { caseArb };
}

// ---------------------------------------------------------------------------------------------------

const USER_AGENTS = [
  "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
  "curl/8.5.0",
  "",
  "python-requests/2.32",
  "Mozilla/5.0 (iPhone) Safari/605.1.15",
];
const rnd = (n: number) => Math.floor(Math.random() * n);
/** A random visitor per request, so the per-visitor limit (20/min) leaves most valid answers alone. */
const randomIp = () => `${1 + rnd(223)}.${rnd(256)}.${rnd(256)}.${1 + rnd(254)}`;

function send(c: Case, key: string): Promise<Response> {
  const headers: Record<string, string> =
    c.visitor === "hammering"
      ? { "cf-connecting-ip": "203.0.113.7", "user-agent": USER_AGENTS[0]! }
      : { "cf-connecting-ip": randomIp(), "user-agent": USER_AGENTS[rnd(USER_AGENTS.length)]! };
  if (c.contentType !== null) headers["content-type"] = c.contentType;
  if (c.origin !== null) headers.origin = c.origin;
  if (c.keyHeader !== null) headers["idempotency-key"] = c.keyHeader.replaceAll(FRESH, key);
  const body = typeof c.body === "string" ? c.body.replaceAll(FRESH, key) : c.body;
  return api("/v1/responses", { method: "POST", headers, body });
}

type Answer = {
  status: number;
  text: string;
  replayed: boolean;
  retryAfter: string | null;
  contentType: string | null;
};
const read = async (response: Response): Promise<Answer> => ({
  status: response.status,
  text: await response.text(),
  replayed: response.headers.get("idempotent-replayed") === "true",
  retryAfter: response.headers.get("retry-after"),
  contentType: response.headers.get("content-type"),
});

const show = (value: unknown, max = 600) => {
  const text =
    typeof value === "string"
      ? JSON.stringify(value)
      : value instanceof Uint8Array
        ? `bytes[${value.length}] ${JSON.stringify(new TextDecoder().decode(value))}`
        : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
};

describe("POST /v1/responses, fuzzed", () => {
  const targets: Target[] = [];

  beforeAll(async () => {
    for (const seed of SEEDS) {
      const ids = await seedSurvey(
        { kind: seed.kind, services: seed.services, topics: seed.topics, active: seed.active },
        { audience: seed.audience, dimensions: seed.dimensions, origins: seed.origins },
      );
      targets.push({
        name: seed.name,
        ...ids,
        kind: seed.kind,
        services: seed.services ?? [],
        topics: seed.topics ?? [],
        dimensions: seed.dimensions ?? [],
        origins: seed.origins ?? [ORIGIN],
        active: seed.active ?? true,
        internal: seed.audience === "internal",
      });
    }
  }, 60_000);

  // The Worker logs each honeypot hit; hundreds of those lines would bury the report.
  const log = console.log.bind(console);
  beforeEach(() => {
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      if (!(typeof args[0] === "string" && args[0].startsWith("honeypot:"))) log(...args);
    });
  });
  afterEach(() => vi.restoreAllMocks());

  // The 10,000 requests take about 15 s (helpers.ts says why they do not go through SELF.fetch). The limit
  // leaves room for a loaded CI machine; this is a correctness test, and bench/ measures speed.
  it("answers 10,000+ random and malformed bodies with 201, 4xx or 429, never 5xx, and stores nothing it refuses", {
    timeout: 180_000,
  }, async () => {
    const { caseArb } = arbitraries(targets);
    const statuses = new Map<number, number>();
    const verdicts = { created: 0, rejected: 0, either: 0 };
    const created = new Map<string, string>(); // id → followUp of every answer that stored a row
    const honeypotIds = new Set<string>();
    const replays: { id: string; followUp: string }[] = [];
    let requests = 0;

    /** Checks one answer; the description of what went wrong, or null. */
    function check(j: Judgement, a: Answer): string | null {
      requests++;
      statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      if (a.status >= 500) return `${a.status} (a server error)`;
      if (a.status !== 201 && (a.status < 400 || a.status > 499)) return `${a.status}: neither 201 nor 4xx`;
      if (!a.contentType?.startsWith("application/json")) return `${a.status} answered ${a.contentType}`;
      let body: unknown;
      try {
        body = JSON.parse(a.text);
      } catch {
        return `${a.status} with a body that is not JSON: ${show(a.text)}`;
      }
      if (a.status === 201) {
        if (j.verdict === "rejected") return `201 for a body the contract refuses (${j.why})`;
        const { id, followUp } = isPlainObject(body) ? body : ({} as Record<string, unknown>);
        if (typeof id !== "string" || typeof followUp !== "string" || followUp.length < 32)
          return `201 without {id, followUp}: ${show(a.text)}`;
        if (j.honeypot) {
          if (a.replayed) return "a honeypot hit answered as an idempotent replay";
          honeypotIds.add(id);
        } else if (a.replayed) {
          replays.push({ id, followUp });
        } else {
          if (created.has(id) || honeypotIds.has(id)) return `201 with an id already given: ${id}`;
          created.set(id, followUp);
        }
        return null;
      }
      if (a.status === 429) {
        if (!a.retryAfter || !/^[1-9]\d*$/.test(a.retryAfter))
          return `429 without a Retry-After in seconds (${a.retryAfter})`;
      } else if (j.verdict === "created") {
        return `${a.status} for a valid body: ${show(a.text)}`;
      }
      if (!isPlainObject(body) || Object.keys(body).join() !== "error" || !isPlainObject(body.error))
        return `${a.status} without the error shape: ${show(a.text)}`;
      const { code, message } = body.error as { code: unknown; message: unknown };
      if (typeof code !== "string" || !(CODES[a.status] ?? []).includes(code))
        return `${a.status} with error code ${show(code)}`;
      if (typeof message !== "string" || message === "") return `${a.status} without an error message`;
      if (LEAK.test(a.text)) return `${a.status} leaks internals: ${show(a.text)}`;
      return null;
    }

    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 20, maxLength: 20 }), async (cases) => {
        const judged = cases.map((c) => ({ c, j: judge(targets, c), key: crypto.randomUUID() }));
        const burst = judged.flatMap(({ c, key }) =>
          c.repeat === "concurrent" ? [send(c, key), send(c, key)] : [send(c, key)],
        );
        const answers = await Promise.all(burst.map(async (p) => read(await p)));
        const later = await Promise.all(
          judged.map(async ({ c, key }) => (c.repeat === "after" ? read(await send(c, key)) : null)),
        );
        const problems: string[] = [];
        let next = 0;
        judged.forEach(({ c, j }, i) => {
          verdicts[j.verdict]++;
          const mine = c.repeat === "concurrent" ? [answers[next++]!, answers[next++]!] : [answers[next++]!];
          if (later[i]) mine.push(later[i]!);
          for (const a of mine) {
            const problem = check(j, a);
            if (problem) problems.push(`${problem}\n  judged: ${j.verdict} (${j.why})\n  case: ${show(c, 2000)}`);
          }
          // Idempotency: one stored answer per fresh key, every repeat answers exactly it (or 429).
          if (j.key === "fresh" && !j.honeypot && mine.length === 2) {
            const [first, second] =
              c.repeat === "after" ? mine : [...mine].sort((x, y) => Number(x.replayed) - Number(y.replayed));
            if (first!.status === 201 && second!.status !== 429) {
              if (first!.replayed || second!.status !== 201 || !second!.replayed || second!.text !== first!.text) {
                problems.push(
                  "a repeat with the same fresh key was not a replay of the first answer: " +
                    `${first!.status} ${show(first!.text)} then ${second!.status} replayed=${second!.replayed} ` +
                    `${show(second!.text)}\n  case: ${show(c, 2000)}`,
                );
              }
            }
          }
        });
        if (problems.length) throw new Error(`${problems.length} problem(s); the first:\n${problems[0]}`);
      }),
      { numRuns: 500 },
    );
    const seconds = (performance.now() - started) / 1000;

    // Nothing stored for a refusal: the seeded sites hold exactly the rows of the 201s.
    const sites = targets.map((t) => t.site);
    const marks = sites.map(() => "?").join(", ");
    const rows = (
      await env.DB.prepare(`SELECT * FROM responses WHERE site_id IN (${marks})`)
        .bind(...sites)
        .all<ResponseRow>()
    ).results;
    const stored = new Set(rows.map((row) => row.id));
    const unexpected = [...stored].filter((id) => !created.has(id));
    const missing = [...created.keys()].filter((id) => !stored.has(id));
    expect(unexpected, "rows no 201 answered for").toEqual([]);
    expect(missing, "201s with no row").toEqual([]);
    const honeypots = [...honeypotIds];
    for (let i = 0; i < honeypots.length; i += 90) {
      const chunk = honeypots.slice(i, i + 90);
      const found = await env.DB.prepare(`SELECT id FROM responses WHERE id IN (${chunk.map(() => "?").join(", ")})`)
        .bind(...chunk)
        .all();
      expect(found.results, "honeypot hits stored").toEqual([]);
    }
    for (const replay of replays) expect(created.get(replay.id), `replay of ${replay.id}`).toBe(replay.followUp);

    // Every stored row is one the contract accepts.
    for (const row of rows) {
      const t = targets.find((x) => x.site === row.site_id && x.survey === row.survey_id)!;
      const where = `row ${JSON.stringify(row)}`;
      expect(t?.active && t.origins.includes(ORIGIN), where).toBe(true);
      if (t.kind === "text") expect(row.score, where).toBeNull();
      else
        expect(
          row.score !== null &&
            Number.isInteger(row.score) &&
            row.score >= RANGE[t.kind][0] &&
            row.score <= RANGE[t.kind][1],
          where,
        ).toBe(true);
      if (row.comment !== null)
        expect(freeText(row.comment, 4096) && row.comment === nfc(row.comment), where).toBe(true);
      if (t.kind === "text") expect(typeof row.comment === "string" && row.comment.trim() !== "", where).toBe(true);
      expect(row.service_id === "" || t.services.includes(row.service_id), where).toBe(true);
      expect(row.topic === "" || t.topics.includes(row.topic), where).toBe(true);
      for (const [dimension, value] of Object.entries(JSON.parse(row.segment) as Record<string, string>)) {
        expect(
          t.dimensions.includes(dimension) && freeText(value, 64) && value.trim() === value && value !== "",
          where,
        ).toBe(true);
      }
    }

    // No half-written answer: every grain and dimension of the rollups adds up to the customers' rows;
    // an employee's row waits for its period to close (pending) and counts in no rollup.
    const isInternal = (row: ResponseRow) => targets.some((t) => t.site === row.site_id && t.internal);
    for (const row of rows)
      expect({ pending: row.pending, listed_at: row.listed_at }, `row ${row.id}`).toEqual(
        isInternal(row) ? { pending: 1, listed_at: null } : { pending: 0, listed_at: row.created_at },
      );
    expect(rows.some(isInternal) && rows.some((row) => !isInternal(row))).toBe(true);
    const count = (predicate: (row: ResponseRow) => boolean) =>
      rows.filter((row) => !isInternal(row) && predicate(row)).length;
    const rollup = async (grain: string, dim: string, column = "n") =>
      (await env.DB.prepare(
        `SELECT COALESCE(SUM(${column}), 0) AS total FROM rollups
         WHERE grain = ? AND dim = ? AND site_id IN (${marks})`,
      )
        .bind(grain, dim, ...sites)
        .first<{ total: number }>())!.total;
    for (const grain of ["h", "d", "m"]) {
      expect(await rollup(grain, ""), `rollups grain ${grain}`).toBe(count(() => true));
      expect(await rollup(grain, "site"), `site rollups grain ${grain}`).toBe(count(() => true));
      expect(await rollup(grain, "topic"), `topic rollups grain ${grain}`).toBe(count((row) => row.topic !== ""));
      for (const dimension of ["team", "role"]) {
        expect(await rollup(grain, `segment.${dimension}`), `segment.${dimension} rollups grain ${grain}`).toBe(
          count((row) => dimension in JSON.parse(row.segment)),
        );
      }
    }
    for (let score = 0; score <= 10; score++)
      expect(await rollup("d", "", `s${score}`), `rollups s${score}`).toBe(count((row) => row.score === score));

    const by = (test: (status: number) => boolean) =>
      [...statuses].filter(([s]) => test(s)).reduce((sum, [, n]) => sum + n, 0);
    const sortedStatuses = Object.fromEntries([...statuses].sort(([a], [b]) => a - b));
    console.log(
      `fuzz: ${requests} requests in ${seconds.toFixed(1)} s (${(requests / seconds).toFixed(0)}/s); ` +
        `201: ${by((s) => s === 201)} ` +
        `(${created.size} stored, ${replays.length} replays, ${honeypotIds.size} honeypot), ` +
        `4xx: ${by((s) => s >= 400 && s < 500 && s !== 429)}, 429: ${by((s) => s === 429)}, ` +
        `5xx: ${by((s) => s >= 500)}; ` +
        `statuses ${JSON.stringify(sortedStatuses)}; judged ${JSON.stringify(verdicts)}`,
    );
    expect(requests).toBeGreaterThanOrEqual(10_000);
    expect(by((s) => s === 201)).toBeGreaterThan(requests / 5);
  });
});
