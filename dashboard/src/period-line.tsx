import { client } from "./api";
import type { Site } from "./api-types";
import { formatRelease } from "./release";
import { strings } from "./strings";
import { useApi } from "./use-api";

/**
 * When the open period's employee answers appear, one line per internal site in scope, with how many
 * have come in so far: the only live figure about them (`GET /v1/sites/{site}/participation`).
 */
export function PeriodLines({ sites }: { sites: Site[] }) {
  if (sites.length === 0) return null;
  return (
    <div class="period-lines">
      {sites.map((site) => (
        <PeriodLine key={site.id} site={site} />
      ))}
    </div>
  );
}

function PeriodLine({ site }: { site: Site }) {
  const param = { site: encodeURIComponent(site.id) };
  const participation = useApi(client.v1.sites[":site"].participation.$get, { param });
  const end = participation.data?.period.end ?? site.currentPeriod?.end;
  if (!end) return null;
  const appear = formatRelease(end, site.timeZone ?? "UTC");
  const open = strings.release.open[site.reportingPeriod] ?? strings.release.open.week!;
  return (
    <p class="period-line">
      {participation.data
        ? strings.release.periodLine(site.name, participation.data.responses, open, appear)
        : strings.release.periodLineNoCount(site.name, open, appear)}
    </p>
  );
}
