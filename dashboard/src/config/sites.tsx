import type { Site } from "../api-types";
import { strings } from "../strings";
import { useSectionEditing } from "./form-kit";
import { SiteForm } from "./site-form";

const t = strings.config;

type Props = { sites: Site[]; canWrite: boolean; onSaved: () => Promise<unknown> };

/** The sites: where the widget may post from, how answers are segmented, and how small a group may be shown. */
export function SitesSection({ sites, canWrite, onSaved }: Props) {
  const { editing, setEditing, message, setMessage, close, saved } = useSectionEditing<Site>("site", onSaved, (site) =>
    t.savedSite(site.name),
  );
  return (
    <section class="config-section" aria-labelledby="sites-title">
      <div class="section-head">
        <h2 id="sites-title">{t.sites}</h2>
        {canWrite && editing !== "" && (
          <button type="button" id="new-site" onClick={() => setEditing("")}>
            {t.newSite}
          </button>
        )}
      </div>
      <p role="status" class="muted">
        {message}
      </p>
      {editing === "" && (
        <SiteForm site={null} taken={sites.map((s) => s.id)} onSaved={saved} onCancel={() => close("new-site")} />
      )}
      {sites.length === 0 && <p class="muted">{t.noSites}</p>}
      <ul class="cards">
        {sites.map((site) =>
          editing === site.id ? (
            <li key={site.id} class="card">
              <SiteForm site={site} taken={[]} onSaved={saved} onCancel={() => close(`edit-site-${site.id}`)} />
            </li>
          ) : (
            <li key={site.id} class="card">
              <SiteCard site={site} />
              {canWrite && (
                <button
                  type="button"
                  id={`edit-site-${site.id}`}
                  onClick={() => {
                    setMessage("");
                    setEditing(site.id);
                  }}
                >
                  {t.edit}
                  <span class="visually-hidden"> {site.name}</span>
                </button>
              )}
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

function SiteCard({ site }: { site: Site }) {
  return (
    <>
      <h3>
        {site.name} <span class="muted id">{site.id}</span>
      </h3>
      <dl class="facts">
        <dt>{t.audience}</dt>
        <dd>
          <span class={`audience audience-${site.audience}`}>
            {site.audience === "internal" ? t.audienceInternal : t.audienceExternal}
          </span>
        </dd>
        <dt>{t.origins}</dt>
        <dd>
          {site.origins.length ? (
            <ul class="plain">
              {site.origins.map((origin) => (
                <li key={origin}>{origin}</li>
              ))}
            </ul>
          ) : (
            <span class="muted">{t.none}</span>
          )}
        </dd>
        <dt>{t.dimensions}</dt>
        <dd>{site.dimensions.length ? site.dimensions.join(", ") : <span class="muted">{t.none}</span>}</dd>
        {site.dimensions.length > 0 && (
          <>
            <dt>{t.dimensionValues}</dt>
            <dd>
              <ul class="plain">
                {site.dimensions.map((dimension) => (
                  <li key={dimension}>
                    {`${dimension}: ${
                      Object.hasOwn(site.dimensionValues, dimension)
                        ? site.dimensionValues[dimension]!.join(", ")
                        : t.anyValues(site.maxDimensionValues)
                    }`}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{t.minGroupSize}</dt>
        <dd>{site.minGroupSize}</dd>
        {site.audience === "internal" && (
          <>
            <dt>{t.reportingPeriod}</dt>
            <dd>{`${t.reportingPeriods[site.reportingPeriod] ?? site.reportingPeriod}, ${site.timeZone}`}</dd>
          </>
        )}
        <dt>{t.autoPrompt}</dt>
        <dd>
          {!site.autoPrompt.enabled ? (
            <span class="muted">{t.off}</span>
          ) : site.audience === "internal" ? (
            t.autoPromptOnInternal
          ) : (
            t.autoPromptOn(site.autoPrompt.recontactDays)
          )}
        </dd>
        <dt>{t.turnstile}</dt>
        <dd>{site.turnstile ? t.turnstileOn(site.turnstile.siteKey) : <span class="muted">{t.off}</span>}</dd>
        {site.audience === "internal" && (
          <>
            <dt>{t.identity}</dt>
            <dd>
              {site.identity ? (
                t.identityOn(site.identity.verify, site.identity.ballot)
              ) : (
                <span class="muted">{t.off}</span>
              )}
            </dd>
          </>
        )}
      </dl>
    </>
  );
}
