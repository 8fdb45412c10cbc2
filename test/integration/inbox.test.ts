import { env } from "cloudflare:test";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { insertResponseStatements } from "../../worker/db/responses";
import { setClock } from "./clock";
import { admin, adminOk, api, expectError, ORIGIN, postResponse, seedSurvey } from "./helpers";
import { insertAt } from "./seed";

type Item = {
  id: string;
  comment: string | null;
  segment: Record<string, string>;
  createdAt: string;
  anonymized: boolean;
  score: number;
};
type Page = { items: Item[]; nextCursor: string | null };

describe("GET /v1/responses (the inbox)", () => {
  it("pages newest first by cursor, stable while new answers arrive", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    for (let i = 0; i < 7; i++)
      await insertAt({ site, survey, kind: "nps", score: i, at: Date.parse("2026-04-01T10:00:00Z") + i * 60_000 });
    const first = await adminOk<Page>("GET", `/v1/responses?site=${site}&limit=3`);
    expect(first.items.map((item) => item.score)).toEqual([6, 5, 4]);
    await postResponse({ site, survey, score: 10 }); // arrives between two page reads
    const second = await adminOk<Page>("GET", `/v1/responses?site=${site}&limit=3&cursor=${first.nextCursor}`);
    const third = await adminOk<Page>("GET", `/v1/responses?site=${site}&limit=3&cursor=${second.nextCursor}`);
    expect(second.items.map((item) => item.score)).toEqual([3, 2, 1]);
    expect(third).toMatchObject({ items: [{ score: 0 }], nextCursor: null });
  });

  it("filters by score, comment and status", async () => {
    const { site, survey } = await seedSurvey({ kind: "csat" });
    const low = (await (await postResponse({ site, survey, score: 1, comment: "Slow" })).json()) as { id: string };
    await postResponse({ site, survey, score: 5 });
    await postResponse({ site, survey, score: 2 });
    await adminOk("PATCH", `/v1/responses/${low.id}`, { status: "in_progress" });
    const lowScores = await adminOk<Page>("GET", `/v1/responses?site=${site}&maxScore=2`);
    expect(lowScores.items.map((item) => item.score).sort()).toEqual([1, 2]);
    expect(
      (await adminOk<Page>("GET", `/v1/responses?site=${site}&hasComment=true`)).items.map((item) => item.id),
    ).toEqual([low.id]);
    expect(
      (await adminOk<Page>("GET", `/v1/responses?site=${site}&status=in_progress`)).items.map((item) => item.id),
    ).toEqual([low.id]);
    await expectError(await admin("GET", `/v1/responses?site=${site}&minScore=eleven`), 422, "validation_failed");
  });

  it("lists an employee's answer only once its period closed, as its release group shows it, and never a withheld one", async () => {
    const { site, survey } = await seedSurvey(
      { kind: "csat" },
      { audience: "internal", dimensions: ["team", "role"], minGroupSize: 5 },
    );
    setClock("2026-09-08T09:00:00Z");
    for (let i = 0; i < 5; i++) await postResponse({ site, survey, score: 4, segment: { team: "sales", role: "rep" } });
    await postResponse({
      site,
      survey,
      score: 1,
      comment: "My manager ignores tickets",
      segment: { role: "lead", team: "legal" },
    });
    expect((await adminOk<Page>("GET", `/v1/responses?site=${site}`)).items).toEqual([]);
    setClock("2026-09-14T00:00:00Z");
    const { items } = await adminOk<Page>("GET", `/v1/responses?site=${site}`);
    // The sales reps' group holds five and stays as it is; the lone lead from legal is still one answer
    // once every attribute is given up, so it is withheld: listed nowhere, counted nowhere.
    expect(items).toHaveLength(5);
    expect(
      items.every(
        (item) =>
          item.segment.team === "sales" &&
          item.segment.role === "rep" &&
          item.anonymized &&
          item.createdAt === "2026-09-07T00:00:00.000Z",
      ),
    ).toBe(true);
    const csv = await (await admin("GET", `/v1/responses.csv?site=${site}`)).text();
    expect(csv).not.toContain("My manager ignores tickets");
    expect(csv).not.toContain("legal");
    const figures = await adminOk<{ withheld?: true; total: { count: number } }>(
      "GET",
      `/v1/aggregates?site=${site}&survey=${survey}`,
    );
    expect(figures).toMatchObject({ withheld: true, total: { count: 5 } });
  });

  it("a site-limited key gets 403 on another site's responses, aggregates and exports", async () => {
    const mine = await seedSurvey({ kind: "nps" });
    const other = await seedSurvey({ kind: "nps" });
    await postResponse({ ...other, score: 1, comment: "secret" });
    const { key } = await adminOk<{ key: string }>("POST", "/v1/keys", {
      name: "mine",
      scope: "read",
      sites: [mine.site],
    });
    for (const path of [
      `/v1/responses?site=${other.site}`,
      `/v1/aggregates?kind=nps&site=${other.site}`,
      `/v1/responses.csv?site=${other.site}`,
      `/v1/responses.ndjson?site=${other.site}`,
    ]) {
      await expectError(await admin("GET", path, undefined, key), 403, "forbidden");
    }
    const everything = await (await admin("GET", "/v1/responses.ndjson", undefined, key)).text();
    expect(everything).not.toContain("secret");
  });
});

describe("GET /v1/responses/{id} (one answer and its thread)", () => {
  type Thread = Item & { replies: number; status: string; thread: { from: string; text: string; at: string }[] };

  it("shows the answer with the team's and the respondent's replies, in order, to a read key", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    const created = (await (await postResponse({ site, survey, score: 3, comment: "Too slow" })).json()) as {
      id: string;
      followUp: string;
    };
    await adminOk("POST", `/v1/responses/${created.id}/replies`, { text: "Sorry, what was slow?" });
    await api(`/v1/followups/${created.followUp}/replies`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ text: "The checkout" }),
    });
    const { key } = await adminOk<{ key: string }>("POST", "/v1/keys", { name: "reader", scope: "read" });
    const response = await admin("GET", `/v1/responses/${created.id}`, undefined, key);
    expect(response.status).toBe(200);
    const thread = (await response.json()) as Thread;
    expect(thread).toMatchObject({
      id: created.id,
      site,
      survey,
      score: 3,
      comment: "Too slow",
      status: "new",
      replies: 2,
    });
    expect(thread.thread.map((reply) => [reply.from, reply.text])).toEqual([
      ["team", "Sorry, what was slow?"],
      ["respondent", "The checkout"],
    ]);
  });

  it("applies the release rule to one answer, answers 404 for an unknown or unreleased id and 403 outside a key's sites", async () => {
    const { site, survey } = await seedSurvey(
      { kind: "csat" },
      { audience: "internal", dimensions: ["team"], minGroupSize: 3 },
    );
    setClock("2026-09-08T09:00:00Z");
    const answers = [];
    for (const team of ["legal", "sales", "sales"])
      answers.push(
        (await (await postResponse({ site, survey, score: 1, segment: { team } })).json()) as {
          id: string;
          followUp: string;
        },
      );
    const lonely = answers[0]!;
    setClock("2026-09-08T09:47:00Z");
    await api(`/v1/followups/${lonely.followUp}/replies`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ text: "Still broken" }),
    });
    // Not yet released: as if it did not exist, for reading and for every write.
    await expectError(await admin("GET", `/v1/responses/${lonely.id}`), 404, "not_found");
    await expectError(await admin("PATCH", `/v1/responses/${lonely.id}`, { status: "resolved" }), 404, "not_found");
    await expectError(await admin("POST", `/v1/responses/${lonely.id}/replies`, { text: "Hello?" }), 404, "not_found");
    await expectError(await admin("DELETE", `/v1/responses/${lonely.id}`), 404, "not_found");
    setClock("2026-09-15T00:00:00Z");
    const thread = await adminOk<Thread>("GET", `/v1/responses/${lonely.id}`);
    expect(thread).toMatchObject({
      segment: { team: "*" },
      anonymized: true,
      createdAt: "2026-09-07T00:00:00.000Z",
      thread: [{ from: "respondent", text: "Still broken" }],
    });
    // The respondent's reply keeps no time finer than the hour.
    expect(thread.thread[0]!.at).toBe("2026-09-08T09:00:00.000Z");
    await expectError(await admin("GET", `/v1/responses/${crypto.randomUUID()}`), 404, "not_found");
    const other = await seedSurvey({ kind: "nps" });
    const { key } = await adminOk<{ key: string }>("POST", "/v1/keys", {
      name: "other",
      scope: "read",
      sites: [other.site],
    });
    await expectError(await admin("GET", `/v1/responses/${lonely.id}`, undefined, key), 403, "forbidden");
  });
});

describe("exports", () => {
  const TRICKY = [
    "=SUM(A1:A9)",
    "+1 555 0100",
    "-2 stars",
    "@admin",
    "\tindented",
    'He said "no", twice',
    "line one\nline two",
    "Привет, мир 👋",
    "مرحبا بالعالم",
    "中文，逗号",
    "plain",
  ];

  it("streams 10,000 rows of CSV that round-trip through a CSV parser, formulas neutralised", {
    timeout: 120_000,
  }, async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" }, { dimensions: ["plan"] });
    const statements = [];
    for (let i = 0; i < 10_000; i++) {
      statements.push(
        ...insertResponseStatements(
          env.DB,
          {
            id: crypto.randomUUID(),
            site,
            survey,
            kind: "nps",
            score: i % 11,
            comment: `${TRICKY[i % TRICKY.length]} #${i}`,
            service: "",
            topic: "",
            segment: { plan: i % 2 ? "pro" : "=free" },
            locale: null,
            page: null,
            followUpHash: crypto.randomUUID(),
            createdAt: Date.parse("2026-02-01T00:00:00Z") + i * 1000,
          },
          "external",
        ),
      );
    }
    for (let i = 0; i < statements.length; i += 2000) await env.DB.batch(statements.slice(i, i + 2000));

    const response = await admin("GET", `/v1/responses.csv?site=${site}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
    expect(chunks.length).toBeGreaterThan(10); // written page by page, not as one buffer
    const text = new TextDecoder().decode(await new Blob(chunks).arrayBuffer());
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(10_000);
    const byIndex = new Map(rows.map((row) => [Number(row.comment!.split("#").pop()), row]));
    for (let i = 0; i < 10_000; i++) {
      const row = byIndex.get(i)!;
      const comment = `${TRICKY[i % TRICKY.length]} #${i}`;
      expect(row.comment).toBe(/^[=+\-@\t\r]/.test(comment) ? `'${comment}` : comment);
      expect(row["segment.plan"]).toBe(i % 2 ? "pro" : "'=free");
      expect(row.score).toBe(String(i % 11));
    }

    const ndjson = await (await admin("GET", `/v1/responses.ndjson?site=${site}&maxScore=0`)).text();
    const lines = ndjson
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Item);
    expect(lines).toHaveLength(Math.ceil(10_000 / 11));
    expect(lines.every((line) => line.score === 0)).toBe(true);
  });
});

describe("GET /v1/responses.csv (formula injection)", () => {
  it("keeps the apostrophe on a comment that starts with a carriage return", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" });
    await postResponse({ site, survey, score: 3, comment: "\r=1+1" });
    const rows = parse(await (await admin("GET", `/v1/responses.csv?site=${site}`)).text(), {
      columns: true,
    }) as Record<string, string>[];
    expect(rows.map((row) => row.comment)).toEqual(["'\n=1+1"]);
  });
});
