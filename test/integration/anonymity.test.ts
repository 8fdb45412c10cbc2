import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { admin, adminOk, api, expectError, ORIGIN, postResponse, seedSurvey, uid } from "./helpers";
import { setClock } from "./clock";

type Cell = { count: number; withheld?: true } & Record<string, unknown>;
type Answer = {
  withheld?: true;
  total: Cell;
  groups?: ({ key: Record<string, string | null> } & Cell)[];
  series?: ({ start: string } & Cell)[];
};
type Page = {
  items: {
    id: string;
    score: number;
    segment: Record<string, string>;
    createdAt: string;
    period: { start: string; end: string } | null;
    locale: string | null;
    page: string | null;
  }[];
};

// A week (Monday to Monday, UTC) well in the past, and a moment after it closed.
const WEEK = "2026-09-07T00:00:00.000Z";
const DURING = "2026-09-08T09:30:00Z";
const AFTER = "2026-09-15T08:00:00Z";

async function intranet(minGroupSize = 5, dimensions = ["team"]) {
  return seedSurvey({ kind: "csat" }, { audience: "internal", dimensions, minGroupSize });
}

async function answer(
  target: { site: string; survey: string },
  score: number,
  segment: Record<string, string> = {},
  extra: Record<string, unknown> = {},
) {
  const response = await postResponse({ ...target, score, segment, ...extra });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; followUp: string };
}

describe("employees' anonymity: closed periods, whole release groups", () => {
  it("shows nothing of the open period but its participation count", async () => {
    const target = await intranet();
    setClock(DURING);
    for (let i = 0; i < 6; i++)
      await answer(
        target,
        2,
        { team: "sales" },
        { comment: `open period ${i}`, locale: "pl", page: "https://intra.example/people/ann" },
      );
    const open = await adminOk<Answer>("GET", `/v1/aggregates?site=${target.site}&survey=${target.survey}`);
    expect(open.total.count).toBe(0);
    expect((await adminOk<Page>("GET", `/v1/responses?site=${target.site}`)).items).toEqual([]);
    expect(await (await admin("GET", `/v1/responses.csv?site=${target.site}`)).text()).not.toContain("open period");
    expect(await adminOk("GET", `/v1/sites/${target.site}/participation`)).toEqual({
      period: { start: WEEK, end: "2026-09-14T00:00:00.000Z" },
      responses: 6,
    });

    setClock(AFTER);
    const closed = await adminOk<Answer>("GET", `/v1/aggregates?site=${target.site}&survey=${target.survey}`);
    expect(closed.total).toMatchObject({ count: 6, satisfied: 0 });
    const rows = (await adminOk<Page>("GET", `/v1/responses?site=${target.site}`)).items;
    expect(rows).toHaveLength(6);
    // The group's attributes, the period instead of a time, and neither language nor page.
    for (const row of rows)
      expect(row).toMatchObject({
        segment: { team: "sales" },
        createdAt: WEEK,
        period: { start: WEEK, end: "2026-09-14T00:00:00.000Z" },
        locale: null,
        page: null,
      });
  });

  it("withholds a period of minGroupSize − 1 answers and releases one of minGroupSize", async () => {
    const small = await intranet(5);
    const enough = await intranet(5);
    setClock(DURING);
    for (let i = 0; i < 4; i++) await answer(small, 2);
    for (let i = 0; i < 5; i++) await answer(enough, 2);
    setClock(AFTER);
    const withheld = await adminOk<Answer>("GET", `/v1/aggregates?site=${small.site}&survey=${small.survey}`);
    expect(withheld).toMatchObject({ withheld: true, total: { count: 0, withheld: true } });
    expect((await adminOk<Page>("GET", `/v1/responses?site=${small.site}`)).items).toEqual([]);
    const released = await adminOk<Answer>("GET", `/v1/aggregates?site=${enough.site}&survey=${enough.survey}`);
    expect(released.total).toMatchObject({ count: 5, satisfied: 0 });
    expect(released.withheld).toBeUndefined();
  });

  it("merges a small team into a group of several teams, never named, and says what a filter leaves out", async () => {
    const target = await intranet(3);
    setClock(DURING);
    for (let i = 0; i < 4; i++) await answer(target, 5, { team: "sales" });
    await answer(target, 1, { team: "legal" }, { comment: "the only lawyer" });
    for (let i = 0; i < 2; i++) await answer(target, 4, { team: "ops" });
    setClock(AFTER);
    const byTeam = await adminOk<Answer>(
      "GET",
      `/v1/aggregates?site=${target.site}&survey=${target.survey}&groupBy=segment.team`,
    );
    expect(byTeam.total.count).toBe(7);
    expect(Object.fromEntries(byTeam.groups!.map((group) => [group.key["segment.team"], group.count]))).toEqual({
      sales: 4,
      "*": 3,
    });
    expect(JSON.stringify(byTeam)).not.toContain("legal");
    // A filter naming the small team matches no whole group: nothing counts, and the answer says so.
    const legal = await adminOk<Answer>(
      "GET",
      `/v1/aggregates?site=${target.site}&survey=${target.survey}&segment.team=legal`,
    );
    expect(legal).toMatchObject({ withheld: true, total: { count: 0 } });
    // The same for rows: the filter matches the group's team, not the respondent's own.
    expect((await adminOk<Page>("GET", `/v1/responses?site=${target.site}&segment.team=legal`)).items).toEqual([]);
    const several = (await adminOk<Page>("GET", `/v1/responses?site=${target.site}&segment.team=*`)).items;
    expect(several.map((row) => row.score).sort()).toEqual([1, 4, 4]);
    // Total minus the visible team is the several group: three answers, never fewer than minGroupSize.
    const sales = await adminOk<Answer>(
      "GET",
      `/v1/aggregates?site=${target.site}&survey=${target.survey}&segment.team=sales`,
    );
    expect(byTeam.total.count - sales.total.count).toBe(3);
  });

  it("refuses a bucket finer than the reporting period, naming the period", async () => {
    const target = await intranet(3);
    setClock(DURING);
    for (let i = 0; i < 3; i++) await answer(target, 4);
    setClock(AFTER);
    const error = await expectError(
      await admin(
        "GET",
        `/v1/aggregates?site=${target.site}&survey=${target.survey}&bucket=day&from=2026-09-01&to=2026-09-15`,
      ),
      422,
      "validation_failed",
    );
    expect(error.message).toContain("per week");
    const weekly = await adminOk<Answer>(
      "GET",
      `/v1/aggregates?site=${target.site}&survey=${target.survey}&bucket=week&from=2026-08-31&to=2026-09-21`,
    );
    expect(weekly.series!.map((point) => [point.start, point.count])).toEqual([
      ["2026-08-31T00:00:00+00:00", 0],
      ["2026-09-07T00:00:00+00:00", 3],
      ["2026-09-14T00:00:00+00:00", 0],
    ]);
    // A range that cuts the week takes it whole or not at all: where its middle (Thursday noon) falls.
    expect(
      (
        await adminOk<Answer>(
          "GET",
          `/v1/aggregates?site=${target.site}&survey=${target.survey}&from=2026-09-08T10:00Z&to=2026-09-08T11:00Z`,
        )
      ).total.count,
    ).toBe(0);
    expect(
      (
        await adminOk<Answer>(
          "GET",
          `/v1/aggregates?site=${target.site}&survey=${target.survey}&from=2026-09-10&to=2026-09-11`,
        )
      ).total.count,
    ).toBe(3);
  });

  it("keeps a score in its frozen group when the respondent deletes after the close, and drops it before", async () => {
    const target = await intranet(3);
    setClock(DURING);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await answer(target, 5, {}, { comment: `mine ${i}` }));
    // Deleting while the period is open: the answer is gone.
    expect(
      (await api(`/v1/followups/${answers[0]!.followUp}`, { method: "DELETE", headers: { origin: ORIGIN } })).status,
    ).toBe(204);
    setClock(AFTER);
    expect(
      (await adminOk<Answer>("GET", `/v1/aggregates?site=${target.site}&survey=${target.survey}`)).total.count,
    ).toBe(3);
    expect(
      (await api(`/v1/followups/${answers[1]!.followUp}`, { method: "DELETE", headers: { origin: ORIGIN } })).status,
    ).toBe(204);
    // After the close: the comment and the thread go, the score stays in the group's figures.
    expect(
      (await adminOk<Answer>("GET", `/v1/aggregates?site=${target.site}&survey=${target.survey}`)).total.count,
    ).toBe(3);
    const rows = (await adminOk<Page>("GET", `/v1/responses?site=${target.site}`)).items;
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain("mine 1");
  });

  it("sends no event per employee's answer, and one period.closed with the groups' figures", async () => {
    const name = uid("hook");
    const created = await admin("PUT", `/v1/webhooks/${name}`, {
      url: `https://hooks.test/receive/${name}`,
      events: ["response.created", "response.low_score", "period.closed"],
    });
    const { secret } = (await created.json()) as { secret: string };
    const target = await intranet(3);
    setClock(DURING);
    for (const score of [1, 1, 5]) await answer(target, score, {}, { comment: "said at 09:30" });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const before = (await (await fetch(`https://hooks.test/log/${name}`)).json()) as {
      body: string;
      headers: Record<string, string>;
    }[];
    expect(before.filter((delivery) => delivery.body.includes(target.site))).toEqual([]);
    setClock(AFTER);
    await adminOk("GET", `/v1/aggregates?site=${target.site}&survey=${target.survey}`);
    const deadline = Date.now() + 20_000;
    let mine: { type: string; data: Record<string, unknown> }[] = [];
    while (mine.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const log = (await (await fetch(`https://hooks.test/log/${name}`)).json()) as {
        body: string;
        headers: Record<string, string>;
      }[];
      mine = log
        .filter((delivery) => delivery.body.includes(target.site))
        .map(
          (delivery) =>
            new Webhook(secret).verify(delivery.body, delivery.headers) as {
              type: string;
              data: Record<string, unknown>;
            },
        );
    }
    expect(mine.map((event) => event.type)).toEqual(["period.closed"]);
    expect(mine[0]!.data).toMatchObject({
      site: target.site,
      period: { start: WEEK },
      lowScores: 2,
      withheld: false,
      groups: [{ kind: "csat", count: 3, satisfied: 1 }],
    });
    expect(JSON.stringify(mine)).not.toContain("said at 09:30");
  });

  it("keeps open-period answers out of headers: rows_read and the body stay, a site-limited key gets none", async () => {
    const shop = await seedSurvey({ kind: "csat" });
    const target = await intranet(3);
    setClock("2031-03-04T10:00:00Z");
    for (const score of [5, 4]) await answer(shop, score);
    const path = "/v1/aggregates?kind=csat&from=2031-03-02&to=2031-03-09&groupBy=site";
    const read = async (token?: string) => {
      const response = await admin("GET", path, undefined, token);
      expect(response.status).toBe(200);
      return {
        rowsRead: /rows_read=(\d+)/.exec(response.headers.get("server-timing") ?? "")?.[1],
        body: await response.text(),
      };
    };
    const before = await read();
    expect(before.rowsRead).toMatch(/^\d+$/);
    for (let i = 0; i < 4; i++) await answer(target, 1, { team: "ops" });
    const after = await read();
    expect(after).toEqual(before);
    const { key } = await adminOk<{ key: string }>("POST", "/v1/keys", {
      name: "shop only",
      scope: "read",
      sites: [shop.site],
    });
    expect((await read(key)).rowsRead).toBeUndefined();
  });

  it("refuses minGroupSize under 3 on an internal site", async () => {
    const error = await expectError(
      await admin("PUT", `/v1/sites/${uid("site")}`, {
        name: "Tiny",
        audience: "internal",
        origins: [],
        minGroupSize: 2,
      }),
      422,
      "validation_failed",
    );
    expect(JSON.stringify(error.details)).toContain("minGroupSize");
  });

  it("never changes external sites: every answer counts at once, by its own segment", async () => {
    const { site, survey } = await seedSurvey({ kind: "nps" }, { audience: "external", dimensions: ["plan"] });
    await postResponse({ site, survey, score: 9, segment: { plan: "pro" } });
    const result = await adminOk<Answer>("GET", `/v1/aggregates?survey=${survey}&site=${site}&groupBy=segment.plan`);
    expect(result.total).toMatchObject({ count: 1 });
    expect(result.groups).toEqual([expect.objectContaining({ key: { "segment.plan": "pro" }, count: 1 })]);
  });
});
