import { useCallback, useEffect, useState } from "preact/hooks";
import { client, read } from "./api";
import type { Service, Site, Survey } from "./api-types";

/** Everything configured that the caller may see: what the inbox filters by and the configuration edits. */
export type Catalog = { sites: Site[]; services: Service[]; surveys: Survey[] };

export async function loadCatalog(): Promise<Catalog> {
  const [{ items: sites }, { items: services }] = await Promise.all([
    read(client.v1.sites.$get()),
    read(client.v1.services.$get()),
  ]);
  const surveysOf = (site: Site) => read(client.v1.sites[":site"].surveys.$get({ param: { site: site.id } }));
  const perSite = await Promise.all(sites.map(surveysOf));
  return { sites, services, surveys: perSite.flatMap((page) => page.items) };
}

/** The catalog, loaded once and again on `reload()`; `error` when it could not be read. */
export function useCatalog() {
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    setError(null);
    return loadCatalog().then(setCatalog, (failure: unknown) =>
      setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { catalog, error, reload };
}

/** The question in the first language it has (English when there is one), for lists. */
export function firstText(text: Record<string, string> | null | undefined): string {
  if (!text) return "";
  return text.en ?? Object.values(text)[0] ?? "";
}
