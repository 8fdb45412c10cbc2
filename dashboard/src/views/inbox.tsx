import { useEffect, useState } from "preact/hooks";
import { client, download } from "../api";
import { useCatalog } from "../catalog";
import { Detail } from "../inbox/detail";
import { FilterForm } from "../inbox/filter-form";
import { inboxQuery, isFiltered, isInboxHash, NO_FILTERS, readPlace, writePlace } from "../inbox/filters";
import type { InboxFilters } from "../inbox/filters";
import { InboxList } from "../inbox/list";
import { useInboxPages } from "../inbox/use-page";
import { PeriodLines } from "../period-line";
import type { ViewProps } from "../main";
import { strings } from "../strings";

const t = strings.inbox;

/** The inbox: find answers, open one, triage it and reply; export what the filters show. */
export function Inbox({ access }: ViewProps) {
  const [place] = useState(readPlace);
  const [filters, setFilters] = useState<InboxFilters>(place.filters);
  const [selected, setSelected] = useState<string | null>(place.selected);
  const [exporting, setExporting] = useState<{ busy: boolean; message: string }>({ busy: false, message: "" });
  const { catalog } = useCatalog();
  const pages = useInboxPages(filters);
  const canWrite = access.scope === "admin";

  useEffect(() => writePlace(filters, selected), [filters, selected]);
  // A hash that changes under the view (the Inbox link, a pasted link) is a new place to open.
  useEffect(() => {
    const onHash = () => {
      if (!isInboxHash()) return; // leaving for another view
      const next = readPlace();
      setFilters(next.filters);
      setSelected(next.selected);
    };
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  const serviceName = (id: string) => catalog?.services.find((service) => service.id === id)?.name ?? id;
  const siteOf = (id: string) => catalog?.sites.find((site) => site.id === id);
  const siteName = (id: string) => siteOf(id)?.name ?? id;
  const internal = (catalog?.sites ?? []).filter(
    (site) => site.audience === "internal" && (!filters.site || site.id === filters.site),
  );
  // Closing the answer puts focus back on it in the list, where the reader was.
  const close = () => {
    const id = selected;
    setSelected(null);
    requestAnimationFrame(() => document.getElementById(`item-${id}`)?.focus());
  };
  const filtered = isFiltered(filters);

  const exportCsv = async () => {
    setExporting({ busy: true, message: t.exporting });
    try {
      // With the key in a header (api.ts), never in a URL: fetched, then saved from a Blob.
      const file = client.v1["responses.csv"].$get({ query: inboxQuery(filters) });
      await download(file, `feedloop-responses-${new Date().toISOString().slice(0, 10)}.csv`);
      setExporting({ busy: false, message: t.exported });
    } catch (error) {
      setExporting({
        busy: false,
        message: strings.common.error(error instanceof Error ? error.message : String(error)),
      });
    }
  };

  return (
    <div class="inbox">
      <div class="inbox-title">
        <h1>{strings.nav.inbox}</h1>
        <div class="inbox-actions">
          {filtered && (
            <button type="button" onClick={() => setFilters(NO_FILTERS)}>
              {t.clearFilters}
            </button>
          )}
          <button type="button" onClick={exportCsv} disabled={exporting.busy}>
            {t.exportCsv}
          </button>
          <span role="status" class="muted">
            {exporting.message}
          </span>
        </div>
      </div>
      <FilterForm filters={filters} catalog={catalog} onChange={setFilters} />
      <PeriodLines sites={internal} />
      <div class={selected ? "inbox-panes has-detail" : "inbox-panes"}>
        <section class="inbox-results" aria-labelledby="results-title">
          <h2 id="results-title" class="visually-hidden">
            {t.results}
          </h2>
          <p role="status" class="muted inbox-count">
            {pages.loading
              ? strings.common.loading
              : pages.error
                ? ""
                : pages.items.length === 0
                  ? filtered
                    ? t.emptyFiltered
                    : t.empty
                  : t.shown(pages.items.length, pages.nextCursor !== null)}
          </p>
          {pages.error && (
            <p role="alert" class="error">
              {strings.common.error(pages.error)}{" "}
              <button type="button" onClick={pages.retry}>
                {strings.common.retry}
              </button>
            </p>
          )}
          <InboxList
            items={pages.items}
            selected={selected}
            siteName={filters.site ? null : siteName}
            serviceName={serviceName}
            siteOf={siteOf}
            onSelect={setSelected}
          />
          {pages.nextCursor && (
            <button type="button" class="load-more" onClick={pages.loadMore} disabled={pages.loading}>
              {t.loadMore}
            </button>
          )}
        </section>
        {selected && (
          <Detail id={selected} catalog={catalog} canWrite={canWrite} onChanged={pages.patch} onClose={close} />
        )}
      </div>
    </div>
  );
}
