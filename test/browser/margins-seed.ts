import { strings } from "../../dashboard/src/strings";
import { admin, uid } from "./api";
import { answerInClosedWeeks, respondAs, weekStart, type InternalAnswer } from "./closed-periods";

/**
 * The data of the margins tests (issue 15, items 1, 2 and 5), ids unique to the run and one owner of their own,
 * so other files' answers in the shared database never reach these figures:
 * - two weekly intranets asked CSAT over four closed weeks of 20 answers each: one steady with noise, one that
 *   jumps in its last week;
 * - a shop and an intranet rating four services: two in CSAT on both sides, one in NPS on both sides, one by
 *   customers only (in CSAT), so the services view should open on CSAT and say the fourth has no employees' side;
 *   the first shared service has answers on both sides, far apart, so its gap is more than noise.
 */
export const WEEK_ANSWERS = 20;
/**
 * Satisfied answers (CSAT 4–5) of 20 per closed week, oldest first. STEADY is noise around 60%: its step from 8
 * to 15 would pass a test at 95% on its own, but not at 95% across the chart's three steps.
 */
export const STEADY = [12, 8, 15, 12];
export const JUMP = [5, 6, 5, 19];
/** Employees' CSAT of the first shared service, in one closed week: 4 satisfied of 20. */
export const EMPLOYEES_SATISFIED = 4;
/** Customers' CSAT of the first shared service: 16 satisfied of 20. */
export const SHOP_SCORES = [5, 4, 5, 5, 4, 5, 4, 4, 5, 5, 5, 4, 4, 5, 5, 5, 3, 2, 1, 3];

export const seeded = {
  owner: "",
  steady: "",
  jump: "",
  shop: "",
  intranet: "",
  shared: ["", ""],
  npsOnly: "",
  customersOnly: "",
};
export const nameOf = (service: string) => `Service ${service}`;

/** A week's CSAT answers: `satisfied` of 20 score 4 or 5, the rest 1 to 3, in a mixed order. */
export const weekScores = (satisfied: number) =>
  Array.from({ length: WEEK_ANSWERS }, (_, i) => (i < satisfied ? 4 + (i % 2) : 1 + (i % 3)));

const intranetConfig = (site: string) => ({
  name: `Intranet ${site}`,
  audience: "internal",
  origins: [`https://${site}.example`],
  dimensions: ["team"],
  minGroupSize: 5,
  reportingPeriod: "week",
  timeZone: "UTC",
});

const csat = (services: string[] = []) => ({ kind: "csat", question: { en: "How satisfied are you?" }, services });
const nps = (services: string[]) => ({ kind: "nps", question: { en: "Would you recommend it?" }, services });

/** One intranet's four closed weeks of CSAT, each week one release group (a single team). */
async function weeklyIntranet(site: string, satisfied: number[]): Promise<void> {
  await admin("PUT", `/v1/sites/${site}`, intranetConfig(site));
  await admin("PUT", `/v1/sites/${site}/surveys/csat`, csat());
  const weeks = satisfied.map((count) =>
    weekScores(count).map((score): InternalAnswer => ({ score, survey: "csat", segment: { team: "ops" } })),
  );
  await answerInClosedWeeks(site, intranetConfig(site), `https://${site}.example`, weeks);
}

export async function seedMargins(): Promise<void> {
  Object.assign(seeded, {
    owner: uid("margins-owner"),
    steady: uid("steady"),
    jump: uid("jump"),
    shop: uid("margins-shop"),
    intranet: uid("margins-intranet"),
    shared: [uid("checkout"), uid("delivery")],
    npsOnly: uid("returns"),
    customersOnly: uid("gift-cards"),
  });
  const { shared, npsOnly, customersOnly } = seeded;
  for (const service of [...shared, npsOnly, customersOnly])
    await admin("PUT", `/v1/services/${service}`, { name: nameOf(service), owner: seeded.owner });
  await admin("PUT", `/v1/sites/${seeded.shop}`, {
    name: `Shop ${seeded.shop}`,
    audience: "external",
    origins: [`https://${seeded.shop}.example`],
  });
  await admin("PUT", `/v1/sites/${seeded.shop}/surveys/csat`, csat([...shared, customersOnly]));
  await admin("PUT", `/v1/sites/${seeded.shop}/surveys/nps`, nps([npsOnly]));
  await admin("PUT", `/v1/sites/${seeded.intranet}`, intranetConfig(seeded.intranet));
  await admin("PUT", `/v1/sites/${seeded.intranet}/surveys/csat`, csat(shared));
  await admin("PUT", `/v1/sites/${seeded.intranet}/surveys/nps`, nps([npsOnly]));
  for (const score of SHOP_SCORES)
    await respondAs(seeded.shop, `https://${seeded.shop}.example`, { survey: "csat", score, service: shared[0] });
  const employees = weekScores(EMPLOYEES_SATISFIED).map(
    (score): InternalAnswer => ({ score, survey: "csat", service: shared[0], segment: { team: "ops" } }),
  );
  const intranet = seeded.intranet;
  await answerInClosedWeeks(intranet, intranetConfig(intranet), `https://${intranet}.example`, [employees]);
  await weeklyIntranet(seeded.steady, STEADY);
  await weeklyIntranet(seeded.jump, JUMP);
}

/** How the dashboard writes the week a closed week's answers fell in: "week of Nov 23, 2026", `ago` weeks back. */
export function weekLabel(ago: number): string {
  const written = new Intl.DateTimeFormat("en", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  return strings.charts.weekOf(written.format(new Date(weekStart() - ago * 7 * 86_400_000)));
}
