import { useCatalog } from "../catalog";
import { useHashQuery } from "../hash-query";
import type { ViewProps } from "../main";
import { DEFAULT_SPAN, Trends } from "../service/trends";
import { Status } from "../status";
import { strings } from "../strings";

/**
 * One service: how employees and customers rate it over time at a common period (the employees' reporting
 * period, so each point holds whole released groups), whether the employees' figure moves before the
 * customers', and the actions the team recorded with what followed each (issue 15, items 3 and 4).
 */
export function ServicePage({ access }: ViewProps) {
  const [params, setParams] = useHashQuery();
  const serviceId = params.get("service") ?? "";
  const { catalog, error: catalogError, reload } = useCatalog();
  const service = catalog?.services.find((candidate) => candidate.id === serviceId);
  if (catalog && !service)
    return (
      <>
        <BackLink />
        <p role="alert">{strings.service.notFound}</p>
      </>
    );
  return (
    <>
      <BackLink />
      <h1>{service?.name ?? serviceId}</h1>
      {service?.owner && <p class="lede">{strings.service.ownedBy(service.owner)}</p>}
      <Status loading={!catalog} error={catalogError ? new Error(catalogError) : null} reload={reload} />
      {catalog && service && (
        <Trends
          catalog={catalog}
          service={service.id}
          span={Number(params.get("periods")) || DEFAULT_SPAN}
          onSpan={(periods) => setParams({ periods: String(periods) })}
          access={access}
        />
      )}
    </>
  );
}

function BackLink() {
  return (
    <p class="back">
      <a href="#/services">{strings.service.back}</a>
    </p>
  );
}
