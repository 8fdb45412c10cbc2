import { describe, expect, it } from "vitest";
import { setClock } from "./clock";
import { admin, adminOk, expectError, ORIGIN, postResponse, seedSurvey, uid } from "./helpers";

/**
 * Issue 12: a filter value that names nothing is a 422 naming the parameter and the value, on every read
 * that filters (aggregates with their breakdowns and trends, the inbox, both exports), rather than an
 * empty 200 that reads like "no answers".
 */
const READS = [
  "/v1/aggregates?kind=nps&",
  "/v1/aggregates?kind=nps&groupBy=service&",
  "/v1/aggregates?kind=nps&bucket=day&",
  "/v1/responses?",
  "/v1/responses.csv?",
  "/v1/responses.ndjson?",
];

/** What the reader is told, per parameter (worker/scope/named-values.ts). */
const told = {
  site: (site: string) => `site "${site}" does not exist; GET /v1/sites lists the sites`,
  survey: (survey: string, site: string) =>
    `survey "${survey}" is not a survey of site ${site}; GET /v1/sites/${site}/surveys lists them`,
  service: (service: string, site: string) =>
    `service "${service}" is not rated on site ${site}; GET /v1/sites/${site}/surveys lists the services its ` +
    "surveys rate",
  owner: (owner: string, site: string) =>
    `owner "${owner}" owns no service rated on site ${site}; GET /v1/services lists each service's owner`,
  topic: (topic: string, site: string) =>
    `topic "${topic}" is not a topic of site ${site}; GET /v1/sites/${site}/surveys lists its surveys' topics`,
};

async function refused(path: string, problems: Record<string, string>, token?: string) {
  const error = await expectError(await admin("GET", path, undefined, token), 422, "validation_failed");
  const expected = Object.entries(problems).map(([parameter, message]) => ({ path: `query.${parameter}`, message }));
  expect(error.details, path).toEqual(expected);
  expect(error.message, path).toBe(expected.map((problem) => `${problem.path}: ${problem.message}`).join("; "));
}

/** A site whose survey rates a service of a fresh owner and offers a fresh topic. */
async function configured(audience: "external" | "internal" = "external") {
  const owner = uid("team");
  const service = uid("svc");
  const topic = uid("topic");
  await adminOk("PUT", `/v1/services/${service}`, { name: "Helpdesk", owner });
  const kind = audience === "internal" ? "csat" : "nps";
  const seeded = await seedSurvey({ kind, services: [service], topics: [topic] }, { audience, minGroupSize: 3 });
  return { ...seeded, owner, service, topic };
}

describe("a filter naming nothing is a 422 that names it", () => {
  it("site: one that does not exist", async () => {
    const ghost = uid("acme-stor");
    for (const read of READS) await refused(`${read}site=${ghost}`, { site: told.site(ghost) });
  });

  it("service: one no survey of the site rates, or none at all", async () => {
    const { site, service } = await configured();
    const other = await configured(); // a real service, rated on another site only
    for (const read of READS) {
      for (const name of ["helpdsk", other.service]) {
        await refused(`${read}site=${site}&service=${name}`, { service: told.service(name, site) });
      }
      const anywhere = 'service "helpdsk" does not exist; GET /v1/services lists them';
      await refused(`${read}service=helpdsk`, { service: anywhere });
    }
    // Every problem at once, each on its parameter; the site's own service passes.
    await refused(`/v1/responses?site=${site}&service=${service}&survey=nsp&topic=complain`, {
      survey: told.survey("nsp", site),
      topic: told.topic("complain", site),
    });
  });

  it("owner: one who owns no service rated on the site, or no service at all", async () => {
    const { site } = await configured();
    const other = await configured();
    const ghost = uid("web-shp");
    for (const read of READS) {
      for (const name of [ghost, other.owner]) {
        await refused(`${read}site=${site}&owner=${name}`, { owner: told.owner(name, site) });
      }
      const anywhere = `owner "${ghost}" owns no service; GET /v1/services lists each service's owner`;
      await refused(`${read}owner=${ghost}`, { owner: anywhere });
    }
  });

  it("topic: one no survey of the site offers, or no survey at all", async () => {
    const { site } = await configured();
    const other = await configured();
    const ghost = uid("complain");
    for (const read of READS) {
      for (const name of [ghost, other.topic]) {
        await refused(`${read}site=${site}&topic=${name}`, { topic: told.topic(name, site) });
      }
      const hint = "GET /v1/sites/{site}/surveys lists each survey's topics";
      const anywhere = `topic "${ghost}" is not a topic of any site; ${hint}`;
      await refused(`${read}topic=${ghost}`, { topic: anywhere });
    }
  });

  it("existing values still answer 200 with their answers, and so do values a survey no longer offers", async () => {
    const { site, survey, service, owner, topic } = await configured();
    expect((await postResponse({ site, survey, score: 9, service, topic })).status).toBe(201);
    expect((await postResponse({ site, survey, score: 3 })).status).toBe(201);
    /** How many answers each read finds: the aggregate's count, the inbox's items, CSV and NDJSON lines. */
    const counts = async (filters: string) => {
      const read = async (path: string) => {
        const response = await admin("GET", `${path}${filters}`);
        expect(response.status, `${path}${filters}: ${await response.clone().text()}`).toBe(200);
        return response;
      };
      const aggregate = (await (await read("/v1/aggregates?kind=nps&")).json()) as { total: { count: number } };
      const inbox = (await (await read("/v1/responses?")).json()) as { items: unknown[] };
      const csv = (await (await read("/v1/responses.csv?")).text()).trim().split("\n").length - 1;
      const ndjson = (await (await read("/v1/responses.ndjson?")).text()).trim().split("\n").filter(Boolean).length;
      return [aggregate.total.count, inbox.items.length, csv, ndjson];
    };
    const oneAnswer = [`site=${site}&service=${service}`, `site=${site}&owner=${owner}`, `site=${site}&topic=${topic}`];
    for (const filters of [...oneAnswer, `service=${service}&topic=${topic}`]) {
      expect(await counts(filters), filters).toEqual([1, 1, 1, 1]);
    }
    expect(await counts(`site=${site}&survey=${survey}`)).toEqual([2, 2, 2, 2]);

    // The survey stops offering them: their past answers are still there to filter.
    const offersNothing = { kind: "nps", question: { en: "How was it?" }, services: [], topics: [] };
    await adminOk("PUT", `/v1/sites/${site}/surveys/${survey}`, offersNothing);
    for (const filters of oneAnswer) expect(await counts(filters), filters).toEqual([1, 1, 1, 1]);
  });

  it("an employee's unreleased answer makes no value known: only its released group does", async () => {
    const { site, survey, service, topic } = await configured("internal");
    setClock("2026-09-08T09:00:00Z");
    for (let i = 0; i < 3; i++) {
      expect((await postResponse({ site, survey, score: 4, service, topic })).status).toBe(201);
    }
    // The survey stops offering both while their only answers wait in the open period.
    const offersNothing = { kind: "csat", question: { en: "How was it?" }, services: [], topics: [] };
    await adminOk("PUT", `/v1/sites/${site}/surveys/${survey}`, offersNothing);
    await refused(`/v1/aggregates?kind=csat&site=${site}&topic=${topic}`, { topic: told.topic(topic, site) });
    await refused(`/v1/responses?site=${site}&service=${service}`, { service: told.service(service, site) });

    setClock("2026-09-15T09:00:00Z");
    // The week closes (on this read): its three answers form one group, which keeps its service and topic.
    const everything = await adminOk<{ total: { count: number } }>("GET", `/v1/aggregates?kind=csat&site=${site}`);
    expect(everything.total.count).toBe(3);
    for (const filters of [`topic=${topic}`, `service=${service}`]) {
      const response = await admin("GET", `/v1/aggregates?kind=csat&site=${site}&${filters}`);
      expect(response.status, filters).toBe(200);
      expect(((await response.json()) as { total: { count: number } }).total.count).toBe(3);
    }
  });
});

describe("a key limited to some sites learns nothing of the others from a 422", () => {
  it("gets the same bytes whether a value exists on another site or nowhere", { timeout: 60_000 }, async () => {
    const mine = await configured();
    const limited = { name: "shop team", scope: "read", sites: [mine.site] };
    const { key } = await adminOk<{ key: string }>("POST", "/v1/keys", limited);
    // Names that exist nowhere yet; the second half of the test creates them on a site outside the key's.
    const elsewhere = {
      site: uid("hr-portal"),
      survey: uid("pulse"),
      service: uid("payroll"),
      owner: uid("people-team"),
      topic: uid("harassment"),
    };
    const named = ["survey", "service", "owner", "topic"] as const;
    const probes = [
      ...READS.flatMap((read) => [
        `${read}site=${elsewhere.site}`,
        ...named.map((name) => `${read}${name}=${elsewhere[name]}`),
        ...named.map((name) => `${read}site=${mine.site}&${name}=${elsewhere[name]}`),
      ]),
      // A survey without a kind answers with the survey's kind; with another kind, it says the survey's.
      `/v1/aggregates?survey=${elsewhere.survey}`,
      `/v1/aggregates?kind=csat&survey=${elsewhere.survey}`,
    ];
    const observe = () =>
      Promise.all(
        probes.map(async (path) => {
          const response = await admin("GET", path, undefined, key);
          return `${response.status} ${await response.text()}`;
        }),
      );

    const nowhere = await observe();
    await adminOk("PUT", `/v1/services/${elsewhere.service}`, { name: "Payroll", owner: elsewhere.owner });
    await adminOk("PUT", `/v1/sites/${elsewhere.site}`, { name: "HR portal", audience: "external", origins: [ORIGIN] });
    const survey = { kind: "nps", question: { en: "?" }, services: [elsewhere.service], topics: [elsewhere.topic] };
    await adminOk("PUT", `/v1/sites/${elsewhere.site}/surveys/${elsewhere.survey}`, survey);
    const { site, survey: surveyId, service, topic } = elsewhere;
    expect((await postResponse({ site, survey: surveyId, score: 2, service, topic })).status).toBe(201);
    const there = await observe();

    const differing = probes.flatMap((path, i) =>
      nowhere[i] === there[i] ? [] : [`${path}\n  nowhere:   ${nowhere[i]}\n  elsewhere: ${there[i]}`],
    );
    expect(differing).toEqual([]);
    // And the answer is a refusal, not an empty figure: 403 for the site, 422 for everything else.
    for (const [i, path] of probes.entries()) {
      expect(there[i]!.slice(0, 3), path).toBe(path.includes(`site=${elsewhere.site}`) ? "403" : "422");
    }
    // A credential for every site is told they exist.
    for (const name of named) {
      expect((await admin("GET", `/v1/aggregates?kind=nps&${name}=${elsewhere[name]}`)).status, name).toBe(200);
    }
  });
});
