import type { Service, Site } from "../../schema/config";
import { answeredValues, type SurveyChoices } from "../db/scope";
import type { Principal } from "../env";
import { validationFailed, type Problem } from "../errors";

type Named = { site?: string; survey?: string; service?: string; owner?: string; topic?: string };
type Config = { sites: Site[]; services: Service[]; surveys: SurveyChoices[] };

/**
 * Refuses (422, one problem per parameter) a filter that names a site, survey, service, owner or topic
 * the caller cannot find where it may read, so a typo is an error rather than an empty answer.
 *
 * A key limited to some sites learns nothing about the others: another site's id was already refused
 * (403, the same for ids that do not exist), and every other value is looked up on its own sites only,
 * so a value used only elsewhere and one used nowhere get the same answer. The lookups read
 * configuration (surveys' services and topics, which admins set; the services' owners) and, for values
 * no survey offers any more, answers as readers already see them (db/scope.ts answeredValues): never an
 * employee's answer before its release group is out.
 */
export async function assertValuesExist(
  db: D1Database,
  principal: Principal,
  query: Named,
  config: Config,
): Promise<void> {
  if (query.site && !config.sites.some((site) => site.id === query.site)) {
    const message = `site "${query.site}" does not exist; GET /v1/sites lists the sites`;
    throw validationFailed([{ path: "query.site", message }]);
  }
  if (!query.survey && !query.service && !query.owner && !query.topic) return;

  const readable = config.sites.filter((site) =>
    query.site ? site.id === query.site : !principal.sites || principal.sites.includes(site.id),
  );
  const readableIds = new Set(readable.map((site) => site.id));
  const surveys = config.surveys.filter((survey) => readableIds.has(survey.site));
  // A credential for every site, reading every site, looks services up in the registry (GET /v1/services);
  // anyone else among the services that the surveys of the sites it reads rate.
  const registry = !query.site && !principal.sites;
  const offered = new Set(
    registry ? config.services.map((service) => service.id) : surveys.flatMap((survey) => survey.services),
  );
  const owned = config.services
    .filter((service) => query.owner && service.owner === query.owner)
    .map((service) => service.id);
  const topics = new Set(surveys.flatMap((survey) => survey.topics));

  const unknownService = query.service !== undefined && !offered.has(query.service);
  const unknownOwner = query.owner !== undefined && !owned.some((id) => offered.has(id));
  const unknownTopic = query.topic !== undefined && !topics.has(query.topic);
  const wanted = {
    services: registry ? [] : [...(unknownService ? [query.service!] : []), ...(unknownOwner ? owned : [])],
    topic: unknownTopic ? query.topic : undefined,
  };
  const sites = { external: idsOf(readable, "external"), internal: idsOf(readable, "internal") };
  const answered = wanted.services.length > 0 || wanted.topic ? await answeredValues(db, sites, wanted) : null;

  const place = query.site ? `site ${query.site}` : principal.sites ? "any site this key can read" : "any site";
  const surveysPath = query.site ? `GET /v1/sites/${query.site}/surveys` : "GET /v1/sites/{site}/surveys";
  const problems: Problem[] = [];
  if (query.survey && !surveys.some((survey) => survey.id === query.survey)) {
    const list = query.site ? "them" : "each site's surveys";
    const message = `survey "${query.survey}" is not a survey of ${place}; ${surveysPath} lists ${list}`;
    problems.push({ path: "query.survey", message });
  }
  if (unknownService && !answered?.services.has(query.service!)) {
    const list = query.site ? "its surveys rate" : "each survey rates";
    const message = registry
      ? `service "${query.service}" does not exist; GET /v1/services lists them`
      : `service "${query.service}" is not rated on ${place}; ${surveysPath} lists the services ${list}`;
    problems.push({ path: "query.service", message });
  }
  if (unknownOwner && !owned.some((id) => answered?.services.has(id))) {
    const where = registry ? "" : ` rated on ${place}`;
    const message = `owner "${query.owner}" owns no service${where}; GET /v1/services lists each service's owner`;
    problems.push({ path: "query.owner", message });
  }
  if (unknownTopic && !answered?.topic) {
    const list = query.site ? "its surveys' topics" : "each survey's topics";
    const message = `topic "${query.topic}" is not a topic of ${place}; ${surveysPath} lists ${list}`;
    problems.push({ path: "query.topic", message });
  }
  if (problems.length > 0) throw validationFailed(problems);
}

const idsOf = (sites: Site[], audience: Site["audience"]) =>
  sites.filter((site) => site.audience === audience).map((site) => site.id);
