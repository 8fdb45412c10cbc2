import type { Service, Site } from "../../schema/config";
import { readConfig, type ScopeFilter, type SurveyChoices } from "../db/scope";
import type { SiteRow } from "../db/sites";
import type { Principal } from "../env";
import { assertSiteAccess } from "../middleware/auth";
import { assertValuesExist } from "./named-values";

type Scope = {
  filter: ScopeFilter;
  sites: Site[];
  siteRows: SiteRow[];
  services: Service[];
  surveys: SurveyChoices[];
  d1Ms: number;
  rowsRead: number;
};
type ScopeQuery = {
  site?: string;
  survey?: string;
  service?: string;
  topic?: string;
  owner?: string;
  audience?: string;
  segment: Record<string, string>;
};

/**
 * What a caller may see of a query's filters: the site filter checked against the caller's sites, each
 * value checked to name something there (named-values.ts), and owner, audience and site limits turned
 * into lists of service and site ids. `surveys`: the surveys of the sites the caller reads, when the
 * query names a survey, service, owner or topic.
 */
export async function resolveScope(db: D1Database, principal: Principal, query: ScopeQuery): Promise<Scope> {
  if (query.site) assertSiteAccess(principal, query.site);
  const withSurveys = Boolean(query.survey || query.service || query.owner || query.topic);
  const { sites, siteRows, services, surveys, d1Ms, rowsRead } = await readConfig(db, { withSurveys });
  await assertValuesExist(db, principal, query, { sites, services, surveys });
  const filter: ScopeFilter = {
    site: query.site,
    survey: query.survey,
    service: query.service,
    topic: query.topic,
    segment: query.segment,
  };
  if (principal.sites || query.audience) {
    filter.sitesIn = sites
      .filter(
        (site) =>
          (!principal.sites || principal.sites.includes(site.id)) &&
          (!query.audience || site.audience === query.audience),
      )
      .map((site) => site.id);
  }
  if (query.owner)
    filter.servicesIn = services.filter((service) => service.owner === query.owner).map((service) => service.id);
  const readable = (survey: SurveyChoices) =>
    (!query.site || survey.site === query.site) && (!principal.sites || principal.sites.includes(survey.site));
  return { filter, sites, siteRows, services, surveys: surveys.filter(readable), d1Ms, rowsRead };
}
