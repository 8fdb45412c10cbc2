import fc from "fast-check";
import { ORIGIN } from "../helpers";
import {
  BIDI,
  type Case,
  CONTROL,
  FRESH,
  isPlainObject,
  KNOWN_FIELDS,
  MAX_BODY_BYTES,
  nfc,
  POOLED,
  put,
  RANGE,
  RAW,
  type Target,
} from "./model";

/** The fuzz test's generators: bodies, headers and visitors for POST /v1/responses, valid and broken. */

export const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
export const CONTROL_CHARS = [...range(0x00, 0x08), "\u000B", "\u000C", ...range(0x0e, 0x1f), ...range(0x7f, 0x9f)];
export const BIDI_CHARS = [...range(0x202a, 0x202e), ...range(0x2066, 0x2069)];
export const LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\ude00\ud83d"];
export const HUMAN = [
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
export const acceptable = (value: string) => value.isWellFormed() && !CONTROL.test(value) && !BIDI.test(value);
export const humanUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HUMAN) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 2 }).filter(acceptable) },
);
export const humanText = (maxLength: number) => fc.string({ unit: humanUnit, maxLength });
export const nonBlank = (maxLength: number) => humanText(maxLength).filter((value) => nfc(value).trim() !== "");
export const segmentValue = humanText(20).filter((value) => nfc(value).length <= 64 && nfc(value).trim() !== "");
export const anyJson = fc.oneof(
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
export const withBad = (bad: fc.Arbitrary<string>) =>
  fc.tuple(humanText(20), bad, humanText(20)).map(([a, x, b]) => a + x + b);
export const badText = fc.oneof(
  withBad(fc.constantFrom(...LONE_SURROGATES)),
  withBad(fc.constantFrom(...CONTROL_CHARS)),
  withBad(fc.constantFrom(...BIDI_CHARS)),
  // The marks people do type in RTL text stay allowed.
  withBad(fc.constantFrom("\u200E", "\u200F", "\u061C")),
);
export const longComment = fc.constantFrom(
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
export const SCORE_TOKENS = [
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
export const scoreToken = fc.oneof(
  fc.constantFrom(...SCORE_TOKENS),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
  fc.double().map((value) => JSON.stringify(value)),
  fc.integer({ min: -20, max: 20 }).map(String),
);

export type Draft = { obj: Record<string, unknown>; raw: string | null; keyHeader: string | null };
export type Mutation = (draft: Draft) => void;

export function arbitraries(targets: Target[]) {
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
