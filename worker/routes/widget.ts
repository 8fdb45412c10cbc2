import { createRoute } from "@hono/zod-openapi";
import type { Site, Survey } from "../../schema/config";
import { SurveyParam } from "../../schema/params";
import type { WidgetPrompt } from "../../schema/prompt";
import { WidgetConfig, WidgetQuery } from "../../schema/widget";
import { listServices } from "../db/services";
import { getSite } from "../db/sites";
import { getSurvey } from "../db/surveys";
import { sha256Hex } from "../domain/crypto";
import { ApiError } from "../errors";
import { CATALOGS } from "../i18n/ui-strings";
import { directionOf, parseAcceptLanguage, pickLocale } from "../i18n/negotiate";
import { privacyNotice } from "../i18n/privacy-notice";
import { allowOrigin } from "../middleware/cors";
import { declare, errors, json, router, SERVER_ERRORS } from "../openapi";

const route = createRoute({
  method: "get",
  path: "/{site}/{survey}",
  summary: "What the widget shows, in the visitor's language",
  security: [],
  request: { params: SurveyParam, query: WidgetQuery },
  responses: {
    200: json("The widget's configuration (ETag, Cache-Control)", WidgetConfig),
    304: { description: "Not modified (If-None-Match matched the ETag)" },
    ...errors([403, 404, 422, ...SERVER_ERRORS], {
      403: "origin_not_allowed: the page's Origin is not one of the site's",
      404: "not_found: no such site or survey, or the survey is inactive",
    }),
  },
});

/**
 * The survey's auto-prompt settings with the site's fatigue rule, or null when the survey may not ask by
 * itself. Settings only, the same for every visitor: nothing about anyone's answers (internal sites included:
 * `periodStart` is the open period's start, which Site.currentPeriod shows too).
 */
function widgetPrompt(site: Site, survey: Survey): WidgetPrompt | null {
  if (!site.autoPrompt.enabled || !survey.prompt || !survey.active) return null;
  return {
    ...survey.prompt,
    recontactDays: site.autoPrompt.recontactDays,
    periodStart: site.currentPeriod?.start ?? null,
  };
}

/** What the widget shows, in the visitor's language (public, cacheable). */
export const widget = router().openapi(
  ...declare(route, async (c) => {
    const { site: siteId, survey: surveyId } = c.req.valid("param");
    const [site, survey] = await Promise.all([getSite(c.env.DB, siteId), getSurvey(c.env.DB, siteId, surveyId)]);
    // A misconfigured embed must explain itself in the page's console: the page may read why, whatever
    // its origin (what it learns, that a site or survey exists, any request without Origin learns too).
    const origin = c.req.header("origin");
    if (origin) allowOrigin(c, origin);
    if (!site) throw new ApiError(404, "not_found", `site ${siteId} not found: create it with PUT /v1/sites/${siteId}`);
    if (!survey)
      throw new ApiError(
        404,
        "not_found",
        `survey ${surveyId} not found on site ${siteId}: create it with PUT /v1/sites/${siteId}/surveys/${surveyId}`,
      );
    if (!survey.active) throw new ApiError(404, "not_found", `survey ${surveyId} of site ${siteId} is not active`);
    // A page may only embed a survey of a site that lists it; requests without Origin (curl) may read it.
    if (origin && !site.origins.includes(origin.toLowerCase())) {
      throw new ApiError(
        403,
        "origin_not_allowed",
        `origin ${origin} is not in ${siteId}'s origins (PUT /v1/sites/${siteId})`,
      );
    }
    const preferences = [c.req.valid("query").locale, ...parseAcceptLanguage(c.req.header("accept-language"))].filter(
      (tag): tag is string => !!tag,
    );
    const uiLocale = pickLocale(preferences, Object.keys(CATALOGS));
    const catalog = CATALOGS[uiLocale]!;
    const questionLocale = pickLocale([...preferences, uiLocale], Object.keys(survey.question));
    const promptLocale = survey.commentPrompt
      ? pickLocale([...preferences, uiLocale], Object.keys(survey.commentPrompt))
      : null;
    const serviceNames = new Map((await listServices(c.env.DB)).map((service) => [service.id, service.name]));
    const notice = privacyNotice(uiLocale, catalog, site);
    const scale =
      survey.kind === "text" ? null : { nps: [0, 10], csat: [1, 5], ces: [1, 7], thumbs: [0, 1] }[survey.kind];

    const config: WidgetConfig = {
      site: site.id,
      survey: survey.id,
      kind: survey.kind,
      audience: site.audience,
      locale: uiLocale,
      dir: directionOf(uiLocale),
      question: survey.question[questionLocale]!,
      commentPrompt: promptLocale ? survey.commentPrompt![promptLocale]! : null,
      scale: scale
        ? {
            min: scale[0]!,
            max: scale[1]!,
            minLabel: catalog.scale[survey.kind]![0],
            maxLabel: catalog.scale[survey.kind]![1],
          }
        : null,
      topics: survey.topics.map((id) => ({ id, label: catalog.topics[id] ?? id })),
      services: survey.services.map((id) => ({ id, name: serviceNames.get(id) ?? id })),
      strings: catalog.strings,
      turnstile: site.turnstile,
      anonymity: notice?.anonymity ?? null,
      deletion: notice?.deletion ?? null,
      prompt: widgetPrompt(site, survey),
    };
    // The tag of exactly the bytes c.json sends (it serializes with JSON.stringify too).
    const etag = `"${(await sha256Hex(JSON.stringify(config))).slice(0, 32)}"`;
    c.header("ETag", etag);
    c.header("Cache-Control", "public, max-age=60");
    c.header("Vary", "Accept-Language", { append: true });
    if (c.req.header("if-none-match") === etag) return c.body(null, 304);
    return c.json(config, 200);
  }),
);
