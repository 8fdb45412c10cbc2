/**
 * The fuzz test's model of the contract for POST /v1/responses: what a body should get (created, refused, or
 * either, where the contract leaves room), and the error codes and leaks an answer must not have.
 */

export type Kind = "nps" | "csat" | "ces" | "thumbs" | "text";
export type Target = {
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
export type Verdict = "created" | "rejected" | "either";
export type Case = {
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
export type Judgement = { verdict: Verdict; honeypot: boolean; key: "none" | "fresh" | "other"; why: string };

export const RANGE: Record<Exclude<Kind, "text">, [number, number]> = {
  nps: [0, 10],
  csat: [1, 5],
  ces: [1, 7],
  thumbs: [0, 1],
};
export const KNOWN_FIELDS = [
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
export const MAX_BODY_BYTES = 16 * 1024;
/** As long as a UUID, so byte sizes are exact before the key is drawn. */
export const FRESH = "00000000-fresh-key-placeholder-00000";
export const POOLED = [
  "7f1c2a4e-9b3d-4e6f-8a1b-2c3d4e5f6a7b",
  "0b9e8d7c-6f5a-4b3c-9d2e-1f0a9b8c7d6e",
  "c0ffee00-1234-4abc-8def-0123456789ab",
];
export const RAW = "__raw-json-token__";

// What the contract calls control characters in text, and the bidi overrides and isolates it refuses.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is what it is for.
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
export const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const DIMENSION = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
export const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const NIL_OR_MAX = /^0{8}-0{4}-0{4}-0{4}-0{12}$|^f{8}-f{4}-f{4}-f{4}-f{12}$/i;
/** The contract's error codes per status. */
export const CODES: Record<number, string[]> = {
  400: ["invalid_json"],
  403: ["origin_not_allowed"],
  404: ["not_found"],
  413: ["payload_too_large"],
  415: ["unsupported_media_type"],
  422: ["validation_failed", "idempotency_conflict"],
  429: ["rate_limited"],
};
export const LEAK = new RegExp(
  String.raw`SQLITE|D1_[A-Z]|\bat .+:\d+:\d+|\n\s+at |\.ts:\d+|\.js:\d+|` +
    String.raw`TypeError|ReferenceError|RangeError|SyntaxError|\bstack\b`,
);

export const nfc = (value: string) => value.normalize("NFC").replace(/\r\n?/g, "\n");
export const freeText = (value: unknown, max: number) =>
  typeof value === "string" &&
  value.isWellFormed() &&
  !CONTROL.test(value) &&
  !BIDI.test(value) &&
  nfc(value).length <= max;
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
export const bytesOf = (body: string | Uint8Array) =>
  typeof body === "string" ? new TextEncoder().encode(body) : body;
export const acceptedMediaType = (contentType: string | null) => {
  const mediaType = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return mediaType === "" || mediaType === "text/plain" || /^application\/([\w.-]+\+)?json$/.test(mediaType);
};
/** Sets a key as an own property, also `__proto__` (as JSON.parse does). */
export function put(object: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The contract's answer to a body: created, refused, or either (where the contract leaves room). */
export function judge(targets: Target[], c: Omit<Case, "repeat" | "visitor">): Judgement {
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
