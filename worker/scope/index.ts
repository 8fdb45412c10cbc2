import type { Service, Site } from "../../schema/config";
import { readConfig, type ScopeFilter } from "../db/scope";
import type { SiteRow } from "../db/sites";
import type { Principal } from "../env";
import { assertSiteAccess } from "../middleware/auth";

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
 * What a caller may see of a query's filters: the site filter checked against the caller's sites, and
 * owner, audience and site limits turned into lists of service and site ids.
 */
export async function resolveScope(
  db: D1Database,
  principal: Principal,
  query: ScopeQuery,
): Promise<{
  filter: ScopeFilter;
  sites: Site[];
  siteRows: SiteRow[];
  services: Service[];
  d1Ms: number;
  rowsRead: number;
}> {
  if (query.site) assertSiteAccess(principal, query.site);
  const { sites, siteRows, services, d1Ms, rowsRead } = await readConfig(db);
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
  return { filter, sites, siteRows, services, d1Ms, rowsRead };
}
