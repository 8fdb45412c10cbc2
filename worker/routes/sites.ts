import { createRoute } from "@hono/zod-openapi";
import {
  MAX_CONFIG_BODY_BYTES,
  Participation,
  Site,
  SiteInput,
  SiteList,
  Survey,
  SurveyInput,
  SurveyList,
} from "../../schema/config";
import { SiteParam, SurveyParam } from "../../schema/params";
import { forgetCollectionConfig } from "../db/collection-config";
import { getService } from "../db/services";
import { getSite, getTurnstile, listSites, openPeriodCount, siteHasResponses, upsertSite } from "../db/sites";
import { promptProblems } from "../domain/prompt-rules";
import { currentPeriod } from "../domain/reporting-period";
import { getSurvey, listSurveys, sitesRatingService, surveyHasResponses, upsertSurvey } from "../db/surveys";
import { getIdentity } from "../db/identity";
import { resolveIdentity } from "../identity";
import { newBallotKey } from "../identity/ballot";
import { ApiError, notFound, validationFailed } from "../errors";
import { assertSiteAccess, requireAuth } from "../middleware/auth";
import { limitBody } from "../middleware/body-limit";
import { jsonBody } from "../middleware/validate";
import { declare, errors, json, router, SERVER_ERRORS } from "../openapi";
import type { Principal } from "../env";

const readers = {
  security: [{ bearer: [] }],
  description: "Read keys may call this.",
  middleware: [requireAuth({ scope: "read" })],
};
const admins = {
  security: [{ bearer: [] }],
  middleware: [requireAuth({ scope: "admin" }), limitBody(MAX_CONFIG_BODY_BYTES), jsonBody()],
};
const CONFIG_413 = "payload_too_large: the body is over 64 KiB (config)";
const body = <Schema extends typeof SiteInput | typeof SurveyInput>(schema: Schema) => ({
  required: true,
  content: { "application/json": { schema } },
});

const listSitesRoute = createRoute({
  method: "get",
  path: "/",
  summary: "List sites",
  ...readers,
  responses: { 200: json("The sites the caller may see", SiteList), ...errors([401, 429, ...SERVER_ERRORS]) },
});

const getSiteRoute = createRoute({
  method: "get",
  path: "/{site}",
  summary: "Get a site",
  ...readers,
  request: { params: SiteParam },
  responses: { 200: json("The site", Site), ...errors([401, 403, 404, 422, 429, ...SERVER_ERRORS]) },
});

const putSite = createRoute({
  method: "put",
  path: "/{site}",
  summary: "Create or replace a site",
  ...admins,
  request: { params: SiteParam, body: body(SiteInput) },
  responses: {
    200: json("Updated", Site),
    201: json("Created", Site),
    ...errors([400, 401, 403, 413, 415, 422, 429, ...SERVER_ERRORS], { 413: CONFIG_413 }),
  },
});

const participation = createRoute({
  method: "get",
  path: "/{site}/participation",
  summary: "An internal site's answers so far in its open reporting period (no breakdown)",
  ...readers,
  request: { params: SiteParam },
  responses: {
    200: json("How many answers so far", Participation),
    ...errors([401, 403, 404, 422, 429, ...SERVER_ERRORS], {
      422: "validation_failed: the site is external (its answers are live in GET /v1/aggregates)",
    }),
  },
});

const listSurveysRoute = createRoute({
  method: "get",
  path: "/{site}/surveys",
  summary: "List a site's surveys",
  ...readers,
  request: { params: SiteParam },
  responses: { 200: json("The surveys", SurveyList), ...errors([401, 403, 404, 422, 429, ...SERVER_ERRORS]) },
});

const getSurveyRoute = createRoute({
  method: "get",
  path: "/{site}/surveys/{survey}",
  summary: "Get a survey",
  ...readers,
  request: { params: SurveyParam },
  responses: { 200: json("The survey", Survey), ...errors([401, 403, 404, 422, 429, ...SERVER_ERRORS]) },
});

const putSurvey = createRoute({
  method: "put",
  path: "/{site}/surveys/{survey}",
  summary: "Create or replace a survey",
  ...admins,
  request: { params: SurveyParam, body: body(SurveyInput) },
  responses: {
    200: json("Updated", Survey),
    201: json("Created", Survey),
    ...errors([400, 401, 403, 404, 413, 415, 422, 429, ...SERVER_ERRORS], {
      403: "forbidden: no access to the site, or a site-limited key attaching a service other sites rate",
      404: "not_found: no such site",
      413: CONFIG_413,
    }),
  },
});

/** Sites and their surveys: configuration, so that it can live in code (PUT is an idempotent upsert). */
export const sites = router()
  .openapi(
    ...declare(listSitesRoute, async (c) => c.json({ items: await listSites(c.env.DB, c.var.principal.sites) }, 200)),
  )
  .openapi(
    ...declare(getSiteRoute, async (c) => {
      const { site: id } = c.req.valid("param");
      assertSiteAccess(c.var.principal, id);
      const site = await getSite(c.env.DB, id);
      if (!site) throw notFound("site");
      return c.json(site, 200);
    }),
  )
  .openapi(
    ...declare(putSite, async (c) => {
      const { site: id } = c.req.valid("param");
      assertSiteAccess(c.var.principal, id);
      const input = c.req.valid("json");
      const existing = await getSite(c.env.DB, id);
      // Answers already given were collected under the old audience's promise of (no) anonymity.
      if (existing && existing.audience !== input.audience && (await siteHasResponses(c.env.DB, id))) {
        throw validationFailed([
          { path: "audience", message: `cannot change from ${existing.audience}: the site already has responses` },
        ]);
      }
      // The Turnstile secret is write-only: a PUT that names the same site key may leave it out.
      let turnstile: { siteKey: string; secret: string } | null = null;
      if (input.turnstile) {
        const stored = await getTurnstile(c.env.DB, id);
        const secret =
          input.turnstile.secretKey ?? (stored?.siteKey === input.turnstile.siteKey ? stored.secret : undefined);
        if (!secret)
          throw validationFailed([
            { path: "turnstile.secretKey", message: "required when Turnstile is first set or its site key changes" },
          ]);
        turnstile = { siteKey: input.turnstile.siteKey, secret };
      }
      const identity = resolveIdentity(
        input.audience,
        input.identity,
        input.identity ? await getIdentity(c.env.DB, id) : null,
      );
      // A PUT without `dimensionValues` keeps the stored lists of the dimensions it still names.
      const dimensionValues =
        input.dimensionValues ??
        Object.fromEntries(
          Object.entries(existing?.dimensionValues ?? {}).filter(([dimension]) => input.dimensions.includes(dimension)),
        );
      const { site, created } = await upsertSite(
        c.env.DB,
        id,
        { ...input, dimensionValues },
        turnstile,
        Date.now(),
        identity && { config: identity, newBallotKey: newBallotKey() },
      );
      forgetCollectionConfig();
      return created ? c.json(site, 201) : c.json(site, 200);
    }),
  )
  // The one live figure about employees' answers: how many so far in the open period, with no breakdown.
  .openapi(
    ...declare(participation, async (c) => {
      const { site: id } = c.req.valid("param");
      assertSiteAccess(c.var.principal, id);
      const site = await getSite(c.env.DB, id);
      if (!site) throw notFound("site");
      if (site.audience !== "internal")
        throw validationFailed([
          { path: "site", message: `${id} is external: its answers are live in GET /v1/aggregates` },
        ]);
      const period = currentPeriod(site, Date.now());
      const responses = await openPeriodCount(c.env.DB, id, period.start);
      c.header("Cache-Control", "no-store");
      return c.json(
        { period: { start: new Date(period.start).toISOString(), end: new Date(period.end).toISOString() }, responses },
        200,
      );
    }),
  )
  .openapi(
    ...declare(listSurveysRoute, async (c) => {
      const { site } = c.req.valid("param");
      assertSiteAccess(c.var.principal, site);
      if (!(await getSite(c.env.DB, site))) throw notFound("site");
      return c.json({ items: await listSurveys(c.env.DB, site) }, 200);
    }),
  )
  .openapi(
    ...declare(getSurveyRoute, async (c) => {
      const { site, survey: id } = c.req.valid("param");
      assertSiteAccess(c.var.principal, site);
      const survey = await getSurvey(c.env.DB, site, id);
      if (!survey) throw notFound("survey");
      return c.json(survey, 200);
    }),
  )
  .openapi(
    ...declare(putSurvey, async (c) => {
      const { site, survey: id } = c.req.valid("param");
      assertSiteAccess(c.var.principal, site);
      const input = c.req.valid("json");
      const siteRecord = await getSite(c.env.DB, site);
      if (!siteRecord) throw notFound("site");
      const segmentProblems = promptProblems(input.prompt, siteRecord);
      if (segmentProblems.length > 0) throw validationFailed(segmentProblems);
      const unknown = [];
      for (const [i, service] of input.services.entries()) {
        if (!(await getService(c.env.DB, service)))
          unknown.push({
            path: `services.${i}`,
            message: `unknown service ${service}: PUT /v1/services/${service} first`,
          });
      }
      if (unknown.length > 0) throw validationFailed(unknown);
      const existing = await getSurvey(c.env.DB, site, id);
      await assertMayAttachServices(c.env.DB, c.var.principal, input.services, existing?.services ?? []);
      if (existing && existing.kind !== input.kind && (await surveyHasResponses(c.env.DB, site, id))) {
        throw new ApiError(
          422,
          "validation_failed",
          "kind: cannot change the kind of a survey that has responses; create a new survey",
          [{ path: "kind", message: `is ${existing.kind} and the survey has responses` }],
        );
      }
      const { survey, created } = await upsertSurvey(c.env.DB, site, id, input, Date.now());
      forgetCollectionConfig();
      return created ? c.json(survey, 201) : c.json(survey, 200);
    }),
  );

/**
 * A service is shared: its answers count in its owner's figures on every site (`owner=`, `service=`). A key
 * limited to some sites may attach only services that no other site rates, or that this survey already had;
 * otherwise it could add its sites' answers to another team's figures. Only a credential for every site may
 * attach a service that other sites rate. 403 without naming those sites (a key never learns of them).
 */
async function assertMayAttachServices(
  db: D1Database,
  principal: Principal,
  services: string[],
  alreadyAttached: string[],
): Promise<void> {
  const ownSites = principal.sites;
  if (!ownSites) return;
  for (const service of services) {
    if (alreadyAttached.includes(service)) continue;
    const ratedElsewhere = (await sitesRatingService(db, service)).some((other) => !ownSites.includes(other));
    if (ratedElsewhere)
      throw new ApiError(
        403,
        "forbidden",
        `Service ${service} is rated on sites outside this key's; only a credential for every site may attach it`,
      );
  }
}
