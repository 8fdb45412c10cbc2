import type { Catalog } from "../catalog";
import { strings } from "../strings";
import { STATUSES, type InboxFilters } from "./filters";

type Props = { filters: InboxFilters; catalog: Catalog | null; onChange: (filters: InboxFilters) => void };

const t = strings.inbox;

/**
 * The inbox's filters. Each applies on change; a survey is picked with its site (survey ids are only
 * unique within a site), so choosing one also picks the site.
 */
export function FilterForm({ filters, catalog, onChange }: Props) {
  const set = (patch: Partial<InboxFilters>) => onChange({ ...filters, ...patch });
  const surveys = (catalog?.surveys ?? []).filter((survey) => !filters.site || survey.site === filters.site);
  const pickSurvey = (value: string) => {
    const [site = "", survey = ""] = value.split("/");
    set(value ? { site, survey } : { survey: "" });
  };
  const pickSite = (site: string) =>
    set({
      site,
      survey: catalog?.surveys.some((s) => s.site === site && s.id === filters.survey) ? filters.survey : "",
    });
  const score = (name: "minScore" | "maxScore") => (event: Event) =>
    set({ [name]: (event.currentTarget as HTMLInputElement).value });
  return (
    /* biome-ignore lint/a11y/useSemanticElements: the <search> element is newer than role=search (Safari 17,
       Firefox 118), which every browser exposes as the same landmark. */
    <form class="inbox-filters" role="search" aria-label={t.filtersLabel} onSubmit={(event) => event.preventDefault()}>
      <div class="filter">
        <label for="filter-site">{t.site}</label>
        <select id="filter-site" value={filters.site} onChange={(event) => pickSite(event.currentTarget.value)}>
          <option value="">{strings.common.all}</option>
          {catalog?.sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
        </select>
      </div>
      <div class="filter">
        <label for="filter-survey">{t.survey}</label>
        <select
          id="filter-survey"
          value={filters.survey ? `${filters.site}/${filters.survey}` : ""}
          onChange={(event) => pickSurvey(event.currentTarget.value)}
        >
          <option value="">{strings.common.all}</option>
          {surveys.map((survey) => (
            <option key={`${survey.site}/${survey.id}`} value={`${survey.site}/${survey.id}`}>
              {filters.site ? survey.id : `${survey.site} / ${survey.id}`}
            </option>
          ))}
        </select>
      </div>
      <div class="filter">
        <label for="filter-service">{t.service}</label>
        <select
          id="filter-service"
          value={filters.service}
          onChange={(event) => set({ service: event.currentTarget.value })}
        >
          <option value="">{strings.common.all}</option>
          {catalog?.services.map((service) => (
            <option key={service.id} value={service.id}>
              {service.name}
            </option>
          ))}
        </select>
      </div>
      <div class="filter">
        <label for="filter-status">{t.status}</label>
        <select
          id="filter-status"
          value={filters.status}
          onChange={(event) => set({ status: event.currentTarget.value })}
        >
          <option value="">{strings.common.all}</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t.statuses[status]}
            </option>
          ))}
        </select>
      </div>
      <div class="filter filter-score">
        <label for="filter-min">{t.minScore}</label>
        <input
          id="filter-min"
          type="number"
          inputMode="numeric"
          min={0}
          max={10}
          step={1}
          value={filters.minScore}
          onChange={score("minScore")}
        />
      </div>
      <div class="filter filter-score">
        <label for="filter-max">{t.maxScore}</label>
        <input
          id="filter-max"
          type="number"
          inputMode="numeric"
          min={0}
          max={10}
          step={1}
          value={filters.maxScore}
          onChange={score("maxScore")}
        />
      </div>
      <div class="filter">
        <label for="filter-comment">{t.comments}</label>
        <select
          id="filter-comment"
          value={filters.hasComment}
          onChange={(event) => set({ hasComment: event.currentTarget.value })}
        >
          <option value="">{strings.common.all}</option>
          <option value="true">{t.withComment}</option>
          <option value="false">{t.withoutComment}</option>
        </select>
      </div>
    </form>
  );
}
