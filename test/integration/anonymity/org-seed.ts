import { vi } from "vitest";
import { admin, adminOk, api, ORIGIN, postResponse, uid } from "../helpers";
import { buildOrg, type Answer, type Org, type OrgPlan } from "./org-model";

/**
 * Puts an organisation into the Worker: its services, sites and surveys, then every answer through
 * POST /v1/responses with the clock set to the answer's time (vi.setSystemTime moves Date.now() inside
 * the Worker too). Works against the code before issue 11 as well, which refuses the new site fields.
 */
export async function seedOrg(plan: OrgPlan): Promise<Org> {
  const org = buildOrg(plan, { site: (role) => uid(role), survey: () => uid("survey"), service: () => uid("svc") });
  for (const service of org.services)
    await adminOk("PUT", `/v1/services/${service}`, { name: service, owner: "team-a" });
  for (const site of org.internal) {
    await putSite(site.id, {
      audience: "internal",
      dimensions: site.dimensions,
      minGroupSize: org.minGroupSize,
      reportingPeriod: site.reportingPeriod,
      timeZone: site.timeZone,
    });
    for (const survey of site.surveys) await putSurvey(site.id, survey);
  }
  await putSite(org.external.id, { audience: "external", dimensions: ["plan"] });
  await putSurvey(org.external.id, org.external.survey);
  return org;
}

async function putSite(id: string, fields: Record<string, unknown>) {
  const body: Record<string, unknown> = { name: `Site ${id}`, origins: [ORIGIN], ...fields };
  const response = await admin("PUT", `/v1/sites/${id}`, body);
  if (response.status !== 422) return void (await expectOk(response, `PUT /v1/sites/${id}`));
  // The code before issue 11 knows no reporting period.
  const { reportingPeriod: _period, timeZone: _zone, ...old } = body;
  await expectOk(await admin("PUT", `/v1/sites/${id}`, old), `PUT /v1/sites/${id}`);
}

const putSurvey = (site: string, survey: { id: string; kind: string; services: string[]; topics: string[] }) =>
  adminOk("PUT", `/v1/sites/${site}/surveys/${survey.id}`, {
    kind: survey.kind,
    question: { en: "How was it?" },
    services: survey.services,
    topics: survey.topics,
  });

async function expectOk(response: Response, what: string) {
  if (!response.ok) throw new Error(`${what} → ${response.status} ${await response.text()}`);
}

/**
 * Posts answers in time order, each at its own time (those given at the same time together); fills in
 * their ids and follow-up tokens.
 */
export async function postAnswers(answers: Answer[]): Promise<void> {
  for (let i = 0; i < answers.length; ) {
    const at = answers[i]!.at;
    const together: Answer[] = [];
    for (; i < answers.length && answers[i]!.at === at && together.length < 8; i++) together.push(answers[i]!);
    vi.setSystemTime(at);
    await Promise.all(together.map(postOne));
  }
}

async function postOne(answer: Answer): Promise<void> {
  const { site, survey, score, comment, service, topic, segment, locale, page } = answer;
  const body = { site, survey, score, comment, service, topic, segment, locale, page };
  let response = await postResponse(body);
  // The per-site limit counts real seconds; an answer that meets it waits, as the widget's queue does.
  for (let tries = 0; response.status === 429 && tries < 20; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    response = await postResponse(body);
  }
  await expectOk(response, `POST /v1/responses ${JSON.stringify(body)}`);
  const created = (await response.json()) as { id: string; followUp: string };
  answer.id = created.id;
  answer.followUp = created.followUp;
}

export const readKey = async () =>
  (await adminOk<{ key: string }>("POST", "/v1/keys", { name: uid("reader"), scope: "read" })).key;

const EVENTS = ["response.created", "response.low_score", "reply.created", "period.closed"];

/** A webhook for every event; the code before issue 11 knows no period.closed. */
export async function registerWebhook(): Promise<string> {
  const name = uid("hook");
  const url = `https://hooks.test/receive/${name}`;
  const response = await admin("PUT", `/v1/webhooks/${name}`, { url, events: EVENTS });
  if (response.status === 422)
    await adminOk("PUT", `/v1/webhooks/${name}`, { url, events: EVENTS.filter((event) => event !== "period.closed") });
  else await expectOk(response, `PUT /v1/webhooks/${name}`);
  return name;
}

export type Delivered = { type: string; data: Record<string, unknown> };

/** What the receiver heard, once it has stopped hearing more (the queue delivers in batches). */
export async function deliveries(name: string, quietMs = 1500, maxMs = 15_000): Promise<Delivered[]> {
  const started = performance.now();
  let seen = -1;
  let quietSince = performance.now();
  for (;;) {
    const log = (await (await fetch(`https://hooks.test/log/${name}`)).json()) as { body: string }[];
    if (log.length !== seen) [seen, quietSince] = [log.length, performance.now()];
    if (performance.now() - quietSince >= quietMs || performance.now() - started >= maxMs)
      return log.map((delivery) => JSON.parse(delivery.body) as Delivered);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A respondent's reply through their follow-up link, and their deletion. */
export const replyAsRespondent = (answer: Answer, text: string) =>
  api(`/v1/followups/${answer.followUp}/replies`, {
    method: "POST",
    headers: { origin: ORIGIN, "content-type": "application/json" },
    body: JSON.stringify({ text }),
  });
export const deleteAsRespondent = (answer: Answer) =>
  api(`/v1/followups/${answer.followUp}`, { method: "DELETE", headers: { origin: ORIGIN } });
