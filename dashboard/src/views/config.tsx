import { useCatalog } from "../catalog";
import { ServicesSection } from "../config/services";
import { SitesSection } from "../config/sites";
import { SurveysSection } from "../config/surveys";
import type { ViewProps } from "../main";
import { strings } from "../strings";

/** Configuration: sites, services and surveys, with each survey's embed tag. Read keys see it all, change nothing. */
export function Config({ access }: ViewProps) {
  const { catalog, error, reload } = useCatalog();
  const canWrite = access.scope === "admin";
  return (
    <div class="config">
      <h1>{strings.nav.config}</h1>
      {!canWrite && <p class="muted">{strings.config.readOnly}</p>}
      {error && (
        <p role="alert" class="error">
          {strings.common.error(error)}{" "}
          <button type="button" onClick={reload}>
            {strings.common.retry}
          </button>
        </p>
      )}
      {!catalog && !error && <p class="muted">{strings.common.loading}</p>}
      {catalog && (
        <>
          <SitesSection sites={catalog.sites} canWrite={canWrite} onSaved={reload} />
          <ServicesSection services={catalog.services} canWrite={canWrite} onSaved={reload} />
          <SurveysSection catalog={catalog} canWrite={canWrite} onSaved={reload} />
        </>
      )}
    </div>
  );
}
