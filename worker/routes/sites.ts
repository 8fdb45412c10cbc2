import { Hono } from "hono";
import { SiteInput, SurveyInput } from "../../schema/config";
import { SiteParam, SurveyParam } from "../../schema/params";
import { forgetCollectionConfig } from "../db/collection-config";
import { getService } from "../db/services";
import { getSite, getTurnstile, listSites, openPeriodCount, siteHasResponses, upsertSite } from "../db/sites";
import { currentPeriod } from "../domain/reporting-period";
import { getSurvey, listSurveys, surveyHasResponses, upsertSurvey } from "../db/surveys";
import { getIdentity } from "../db/identity";
import { resolveIdentity } from "../identity";
import type { AppEnv } from "../env";
import { ApiError, notFound, validationFailed } from "../errors";
import { assertSiteAccess, requireAuth } from "../middleware/auth";
import { jsonBody, validate } from "../middleware/validate";

const readers = requireAuth({ scope: "read" });
const admins = requireAuth({ scope: "admin" });

/** Sites and their surveys: configuration, so that it can live in code (PUT is an idempotent upsert). */
export const sites = new Hono<AppEnv>()
  .get("/", readers, async (c) => {
    return c.json({ items: await listSites(c.env.DB, c.var.principal.sites) }, 200);
  })
  .get("/:site", readers, validate("param", SiteParam), async (c) => {
    const { site: id } = c.req.valid("param");
    assertSiteAccess(c.var.principal, id);
    const site = await getSite(c.env.DB, id);
    if (!site) throw notFound("site");
    return c.json(site, 200);
  })
  .put("/:site", admins, validate("param", SiteParam), jsonBody(SiteInput), async (c) => {
    const { site: id } = c.req.valid("param");
    assertSiteAccess(c.var.principal, id);
    const input = c.req.valid("json");
    const existing = await getSite(c.env.DB, id);
    // Answers already given were collected under the old audience's promise of (no) anonymity.
    if (existing && existing.audience !== input.audience && (await siteHasResponses(c.env.DB, id))) {
      throw validationFailed([{ path: "audience", message: `cannot change from ${existing.audience}: the site already has responses` }]);
    }
    // The Turnstile secret is write-only: a PUT that names the same site key may leave it out.
    let turnstile: { siteKey: string; secret: string } | null = null;
    if (input.turnstile) {
      const stored = await getTurnstile(c.env.DB, id);
      const secret = input.turnstile.secretKey ?? (stored?.siteKey === input.turnstile.siteKey ? stored.secret : undefined);
      if (!secret) throw validationFailed([{ path: "turnstile.secretKey", message: "required when Turnstile is first set or its site key changes" }]);
      turnstile = { siteKey: input.turnstile.siteKey, secret };
    }
    const identity = resolveIdentity(input.audience, input.identity, input.identity ? await getIdentity(c.env.DB, id) : null);
    const { site, created } = await upsertSite(c.env.DB, id, input, turnstile, Date.now(), identity);
    forgetCollectionConfig();
    return c.json(site, created ? 201 : 200);
  })
  // The one live figure about employees' answers: how many so far in the open period, with no breakdown.
  .get("/:site/participation", readers, validate("param", SiteParam), async (c) => {
    const { site: id } = c.req.valid("param");
    assertSiteAccess(c.var.principal, id);
    const site = await getSite(c.env.DB, id);
    if (!site) throw notFound("site");
    if (site.audience !== "internal") throw validationFailed([{ path: "site", message: `${id} is external: its answers are live in GET /v1/aggregates` }]);
    const period = currentPeriod(site, Date.now());
    const responses = await openPeriodCount(c.env.DB, id, period.start);
    c.header("Cache-Control", "no-store");
    return c.json({ period: { start: new Date(period.start).toISOString(), end: new Date(period.end).toISOString() }, responses }, 200);
  })
  .get("/:site/surveys", readers, validate("param", SiteParam), async (c) => {
    const { site } = c.req.valid("param");
    assertSiteAccess(c.var.principal, site);
    if (!(await getSite(c.env.DB, site))) throw notFound("site");
    return c.json({ items: await listSurveys(c.env.DB, site) }, 200);
  })
  .get("/:site/surveys/:survey", readers, validate("param", SurveyParam), async (c) => {
    const { site, survey: id } = c.req.valid("param");
    assertSiteAccess(c.var.principal, site);
    const survey = await getSurvey(c.env.DB, site, id);
    if (!survey) throw notFound("survey");
    return c.json(survey, 200);
  })
  .put("/:site/surveys/:survey", admins, validate("param", SurveyParam), jsonBody(SurveyInput), async (c) => {
    const { site, survey: id } = c.req.valid("param");
    assertSiteAccess(c.var.principal, site);
    const input = c.req.valid("json");
    if (!(await getSite(c.env.DB, site))) throw notFound("site");
    const unknown = [];
    for (const [i, service] of input.services.entries()) {
      if (!(await getService(c.env.DB, service))) unknown.push({ path: `services.${i}`, message: `unknown service ${service}: PUT /v1/services/${service} first` });
    }
    if (unknown.length > 0) throw validationFailed(unknown);
    const existing = await getSurvey(c.env.DB, site, id);
    if (existing && existing.kind !== input.kind && (await surveyHasResponses(c.env.DB, site, id))) {
      throw new ApiError(422, "validation_failed", "kind: cannot change the kind of a survey that has responses; create a new survey", [
        { path: "kind", message: `is ${existing.kind} and the survey has responses` },
      ]);
    }
    const { survey, created } = await upsertSurvey(c.env.DB, site, id, input, Date.now());
    forgetCollectionConfig();
    return c.json(survey, created ? 201 : 200);
  });
