import { describe, expect, it } from "vitest";
import type { Site, Survey } from "../../schema/config";
import type { WidgetConfig } from "../../schema/widget";
import { setClock } from "./clock";
import { admin, adminOk, api, expectError, ORIGIN, uid } from "./helpers";

/** The survey of README "Asking at the right moment": after checkout, pro customers, a third of them. */
const PROMPT = {
  triggers: [
    { on: "event", name: "checkout_completed" },
    { on: "scroll", percent: 60 },
  ],
  pages: { include: ["/checkout/*"], exclude: ["/checkout/admin*"] },
  segment: [{ dimension: "plan", op: "eq", value: "pro" }],
  sample: 33.5,
  maxDisplays: 3,
};

const siteBody = (extra: Record<string, unknown> = {}) => ({
  name: "Shop",
  audience: "external",
  origins: [ORIGIN],
  dimensions: ["plan"],
  ...extra,
});
const surveyBody = (extra: Record<string, unknown> = {}) => ({
  kind: "nps",
  question: { en: "How was it?" },
  ...extra,
});

async function seed(site: Record<string, unknown> = {}, survey: Record<string, unknown> = {}) {
  const ids = { site: uid("site"), survey: uid("survey") };
  await adminOk("PUT", `/v1/sites/${ids.site}`, siteBody(site));
  await adminOk("PUT", `/v1/sites/${ids.site}/surveys/${ids.survey}`, surveyBody(survey));
  return ids;
}

const widgetConfig = async (site: string, survey: string) => {
  const response = await api(`/v1/widget/${site}/${survey}`, { headers: { origin: ORIGIN } });
  expect(response.status).toBe(200);
  return (await response.json()) as WidgetConfig;
};

describe("a site's autoPrompt", () => {
  it("is off for a new site, stored when given, kept when a PUT leaves it out", async () => {
    const id = uid("site");
    const created = await admin("PUT", `/v1/sites/${id}`, siteBody());
    expect(created.status).toBe(201);
    expect(((await created.json()) as Site).autoPrompt).toEqual({ enabled: false, recontactDays: 7 });

    const on = await adminOk<Site>(
      "PUT",
      `/v1/sites/${id}`,
      siteBody({ autoPrompt: { enabled: true, recontactDays: 30 } }),
    );
    expect(on.autoPrompt).toEqual({ enabled: true, recontactDays: 30 });
    await adminOk("PUT", `/v1/sites/${id}`, siteBody({ name: "Shop, renamed" }));
    expect((await adminOk<Site>("GET", `/v1/sites/${id}`)).autoPrompt).toEqual({ enabled: true, recontactDays: 30 });
    const list = await adminOk<{ items: Site[] }>("GET", "/v1/sites");
    expect(list.items.find((site) => site.id === id)!.autoPrompt).toEqual({ enabled: true, recontactDays: 30 });

    // `recontactDays` left out is the default, not the stored one: autoPrompt is replaced as a whole.
    await adminOk("PUT", `/v1/sites/${id}`, siteBody({ autoPrompt: { enabled: false } }));
    expect((await adminOk<Site>("GET", `/v1/sites/${id}`)).autoPrompt).toEqual({ enabled: false, recontactDays: 7 });
  });

  it("422 naming the field for a bad autoPrompt, and nothing written", async () => {
    const { site } = await seed({ autoPrompt: { enabled: true, recontactDays: 14 } });
    for (const [autoPrompt, path] of [
      [{ enabled: true, recontactDays: 366 }, "autoPrompt.recontactDays"],
      [{ enabled: true, recontactDays: 1.5 }, "autoPrompt.recontactDays"],
      [{ recontactDays: 3 }, "autoPrompt.enabled"],
      [{ enabled: "yes" }, "autoPrompt.enabled"],
      [{ enabled: true, days: 3 }, "autoPrompt"],
    ] as const) {
      const error = await expectError(
        await admin("PUT", `/v1/sites/${site}`, siteBody({ name: "Changed", autoPrompt })),
        422,
        "validation_failed",
      );
      expect(error.details!.map((problem) => problem.path)).toEqual([path]);
    }
    expect(await adminOk<Site>("GET", `/v1/sites/${site}`)).toMatchObject({
      name: "Shop",
      autoPrompt: { enabled: true, recontactDays: 14 },
    });
  });
});

describe("a survey's prompt", () => {
  it("is stored with its defaults filled in, shown by GET and the list, and cleared by a PUT without it", async () => {
    const { site, survey } = await seed();
    expect((await adminOk<Survey>("GET", `/v1/sites/${site}/surveys/${survey}`)).prompt).toBeNull();

    const put = await adminOk<Survey>("PUT", `/v1/sites/${site}/surveys/${survey}`, surveyBody({ prompt: PROMPT }));
    expect(put.prompt).toEqual(PROMPT);
    expect((await adminOk<Survey>("GET", `/v1/sites/${site}/surveys/${survey}`)).prompt).toEqual(PROMPT);

    const minimal = await adminOk<Survey>(
      "PUT",
      `/v1/sites/${site}/surveys/${survey}`,
      surveyBody({ prompt: { triggers: [{ on: "pageview" }, { on: "exit" }, { on: "click", selector: " #buy " }] } }),
    );
    const filledIn = {
      triggers: [{ on: "pageview", delaySeconds: 0 }, { on: "exit" }, { on: "click", selector: "#buy" }],
      pages: { include: [], exclude: [] },
      segment: [],
      sample: 100,
      maxDisplays: null,
    };
    expect(minimal.prompt).toEqual(filledIn);
    const list = await adminOk<{ items: Survey[] }>("GET", `/v1/sites/${site}/surveys`);
    expect(list.items[0]!.prompt).toEqual(filledIn);

    await adminOk("PUT", `/v1/sites/${site}/surveys/${survey}`, surveyBody());
    expect((await adminOk<Survey>("GET", `/v1/sites/${site}/surveys/${survey}`)).prompt).toBeNull();
  });

  it("422 naming the field and what to do for each bad setting, and nothing written", async () => {
    const { site, survey } = await seed({ dimensions: ["plan", "region"], dimensionValues: { plan: ["free", "pro"] } });
    await adminOk("PUT", `/v1/sites/${site}/surveys/${survey}`, surveyBody({ prompt: PROMPT }));
    const trigger = (t: unknown) => ({ ...PROMPT, triggers: [t] });
    const cases: [unknown, string, RegExp][] = [
      [{ ...PROMPT, triggers: [] }, "prompt.triggers", /at least 1|>=1/i],
      [trigger({ on: "hover" }), "prompt.triggers.0.on", /pageview/],
      [trigger({ on: "pageview", delaySeconds: -1 }), "prompt.triggers.0.delaySeconds", /0/],
      [trigger({ on: "scroll", percent: 0 }), "prompt.triggers.0.percent", /1/],
      [trigger({ on: "scroll" }), "prompt.triggers.0.percent", /number/],
      [trigger({ on: "click", selector: "" }), "prompt.triggers.0.selector", /1/],
      [trigger({ on: "event", name: "checkout completed" }), "prompt.triggers.0.name", /checkout_completed/],
      [trigger({ on: "exit", delaySeconds: 3 }), "prompt.triggers.0", /delaySeconds/],
      [{ ...PROMPT, pages: { include: ["checkout"] } }, "prompt.pages.include.0", /start with \/ or \*/],
      [{ ...PROMPT, pages: { exclude: ["/a?b=1"] } }, "prompt.pages.exclude.0", /no query/],
      [{ ...PROMPT, sample: 101 }, "prompt.sample", /100/],
      [{ ...PROMPT, maxDisplays: 0 }, "prompt.maxDisplays", /1/],
      [{ ...PROMPT, segment: [{ dimension: "plan", op: "in", value: "pro" }] }, "prompt.segment.0.op", /eq/],
      [
        { ...PROMPT, segment: [{ dimension: "team", op: "eq", value: "a" }] },
        "prompt.segment.0.dimension",
        new RegExp(`team is not one of site ${site}'s dimensions \\(plan, region\\): use one of them`),
      ],
      [
        { ...PROMPT, segment: [{ dimension: "plan", op: "ne", value: "gold" }] },
        "prompt.segment.0.value",
        /gold is not one of plan's values \(free, pro\)/,
      ],
    ];
    for (const [prompt, path, message] of cases) {
      const error = await expectError(
        await admin("PUT", `/v1/sites/${site}/surveys/${survey}`, surveyBody({ active: false, prompt })),
        422,
        "validation_failed",
      );
      expect(error.details, JSON.stringify(prompt)).toEqual([{ path, message: expect.stringMatching(message) }]);
    }
    expect(await adminOk<Survey>("GET", `/v1/sites/${site}/surveys/${survey}`)).toMatchObject({
      active: true,
      prompt: PROMPT,
    });
  });

  it("a read key cannot write autoPrompt or prompt, nor a key limited to other sites", async () => {
    const { site, survey } = await seed();
    const reader = await adminOk<{ key: string }>("POST", "/v1/keys", { name: "reader", scope: "read" });
    const other = await adminOk<{ key: string }>("POST", "/v1/keys", {
      name: "other team",
      scope: "admin",
      sites: [uid("site")],
    });
    for (const key of [reader.key, other.key]) {
      await expectError(
        await admin("PUT", `/v1/sites/${site}`, siteBody({ autoPrompt: { enabled: true } }), key),
        403,
        "forbidden",
      );
      await expectError(
        await admin("PUT", `/v1/sites/${site}/surveys/${survey}`, surveyBody({ prompt: PROMPT }), key),
        403,
        "forbidden",
      );
    }
    expect((await adminOk<Site>("GET", `/v1/sites/${site}`)).autoPrompt.enabled).toBe(false);
    expect((await adminOk<Survey>("GET", `/v1/sites/${site}/surveys/${survey}`)).prompt).toBeNull();
    // Reading them is what read keys are for (the dashboard's survey form).
    expect((await admin("GET", `/v1/sites/${site}/surveys/${survey}`, undefined, reader.key)).status).toBe(200);
  });
});

describe("the widget config's prompt", () => {
  it("is null unless the site's autoPrompt is on and the survey has prompt settings", async () => {
    const off = await seed({}, { prompt: PROMPT });
    expect((await widgetConfig(off.site, off.survey)).prompt).toBeNull();
    const none = await seed({ autoPrompt: { enabled: true } });
    expect((await widgetConfig(none.site, none.survey)).prompt).toBeNull();
  });

  it("carries the survey's settings with the site's recontact wait; no period on external sites", async () => {
    const { site, survey } = await seed({ autoPrompt: { enabled: true, recontactDays: 30 } }, { prompt: PROMPT });
    expect((await widgetConfig(site, survey)).prompt).toEqual({ ...PROMPT, recontactDays: 30, periodStart: null });
  });

  it("on internal sites, carries the open reporting period's start", async () => {
    setClock("2026-03-11T10:00:00Z"); // a Wednesday
    const { site, survey } = await seed(
      {
        audience: "internal",
        dimensions: ["team"],
        reportingPeriod: "month",
        timeZone: "Europe/Berlin",
        autoPrompt: { enabled: true },
      },
      {
        prompt: {
          triggers: [{ on: "pageview", delaySeconds: 5 }],
          segment: [{ dimension: "team", op: "ne", value: "it" }],
        },
      },
    );
    const prompt = (await widgetConfig(site, survey)).prompt!;
    expect(prompt.periodStart).toBe("2026-02-28T23:00:00.000Z"); // 1 March, midnight in Berlin
    expect(prompt).toMatchObject({ recontactDays: 7, maxDisplays: null, sample: 100 });
    await adminOk("PUT", `/v1/sites/${site}`, {
      ...siteBody({ audience: "internal", dimensions: ["team"], reportingPeriod: "week", timeZone: "UTC" }),
    });
    expect((await widgetConfig(site, survey)).prompt!.periodStart).toBe("2026-03-09T00:00:00.000Z");
  });

  it("a change shows at once: the ETag follows the settings, and switching the site off ends the prompt", async () => {
    const { site, survey } = await seed({ autoPrompt: { enabled: true } }, { prompt: PROMPT });
    const first = await api(`/v1/widget/${site}/${survey}`, { headers: { origin: ORIGIN } });
    const etag = first.headers.get("etag")!;
    expect(((await first.json()) as WidgetConfig).prompt!.sample).toBe(33.5);
    await adminOk("PUT", `/v1/sites/${site}/surveys/${survey}`, surveyBody({ prompt: { ...PROMPT, sample: 10 } }));
    const changed = await api(`/v1/widget/${site}/${survey}`, { headers: { origin: ORIGIN, "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as WidgetConfig).prompt!.sample).toBe(10);
    await adminOk("PUT", `/v1/sites/${site}`, siteBody({ autoPrompt: { enabled: false } }));
    expect((await widgetConfig(site, survey)).prompt).toBeNull();
  });
});
