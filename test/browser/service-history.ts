import { answerInClosedWeeks, weekStart } from "./closed-periods";
import { admin, uid } from "./helpers";
import { answersInPastWeeks } from "./past-answers";

/**
 * The history the service page's browser tests read (dashboard-service.test.ts). Employees (a weekly UTC intranet, groups of at least 5) answer 6 a week for 12 closed weeks; customers 10 a
 * week, their share satisfied following the employees' of the week before. A second service has 5 weeks only:
 * too few paired periods for a number.
 */
export const EMPLOYEES_SATISFIED = [1, 3, 5, 2, 6, 4, 1, 5, 3, 6, 2, 4]; // of 6, oldest week first
export const CUSTOMERS_SATISFIED = [5, 2, 5, 8, 4, 9, 6, 3, 8, 5, 9, 4]; // of 10: about the employees' a week before
export const SHORT_WEEKS = 5;

/** A week's CSAT answers with `satisfied` 4s and 5s and the rest 2s and 3s. */
export const scoresOf = (satisfied: number, count: number) =>
  Array.from({ length: count }, (_, i) => (i < satisfied ? 4 + (i % 2) : 2 + (i % 2)));
export const csatOf = (scores: number[]) => (100 * scores.filter((s) => s >= 4).length) / scores.length;

export const seeded = { long: "", longName: "", short: "", shortName: "", intranet: "", shop: "", readKey: "" };

const WEEK = 7 * 86_400_000;
/** An action on the Monday that started the 7th of the 12 weeks: 4 whole weeks before it and 4 after, both closed. */
export const ACTION = { id: "evening-agents", title: "Two more agents in the evenings", weekIndex: 6 };
export const actionDay = () =>
  new Date(weekStart() - (EMPLOYEES_SATISFIED.length - ACTION.weekIndex) * WEEK).toISOString().slice(0, 10);

/** Seeds the services, sites, answers, action and read key above; ids are fresh per call (uid). */
export async function seedServiceHistory(): Promise<void> {
  seeded.long = uid("svc-long");
  seeded.longName = `Support ${seeded.long}`;
  seeded.short = uid("svc-short");
  seeded.shortName = `Payroll ${seeded.short}`;
  seeded.intranet = uid("intranet");
  seeded.shop = uid("shop");
  const intranet = {
    name: `Intranet ${seeded.intranet}`,
    audience: "internal",
    origins: [`https://${seeded.intranet}.example`],
    dimensions: [],
    minGroupSize: 5,
    reportingPeriod: "week",
    timeZone: "UTC",
  };
  await admin("PUT", `/v1/services/${seeded.long}`, { name: seeded.longName, owner: "support" });
  await admin("PUT", `/v1/services/${seeded.short}`, { name: seeded.shortName, owner: "finance" });
  await admin("PUT", `/v1/sites/${seeded.intranet}`, intranet);
  await admin("PUT", `/v1/sites/${seeded.shop}`, {
    name: `Shop ${seeded.shop}`,
    audience: "external",
    origins: [`https://${seeded.shop}.example`],
  });
  for (const site of [seeded.intranet, seeded.shop])
    await admin("PUT", `/v1/sites/${site}/surveys/pulse`, {
      kind: "csat",
      question: { en: "How satisfied are you?" },
      services: [seeded.long, seeded.short],
    });
  const employees = EMPLOYEES_SATISFIED.map((satisfied, w) => [
    ...scoresOf(satisfied, 6).map((score) => ({ score, segment: {}, service: seeded.long, survey: "pulse" })),
    ...(w >= EMPLOYEES_SATISFIED.length - SHORT_WEEKS
      ? scoresOf(3, 6).map((score) => ({ score, segment: {}, service: seeded.short, survey: "pulse" }))
      : []),
  ]);
  await answerInClosedWeeks(seeded.intranet, intranet, `https://${seeded.intranet}.example`, employees);
  const shop = { site: seeded.shop, survey: "pulse", kind: "csat" };
  await answersInPastWeeks(
    { ...shop, service: seeded.long },
    weekStart(),
    CUSTOMERS_SATISFIED.map((satisfied) => scoresOf(satisfied, 10)),
  );
  await admin("PUT", `/v1/services/${seeded.long}/actions/${ACTION.id}`, { title: ACTION.title, date: actionDay() });
  seeded.readKey = (await admin<{ key: string }>("POST", "/v1/keys", { name: uid("read"), scope: "read" })).key;
  await answersInPastWeeks(
    { ...shop, service: seeded.short },
    weekStart(),
    Array.from({ length: SHORT_WEEKS }, (_, w) => scoresOf(3 + w, 10)),
  );
}
