import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { client, read } from "../api";
import type { InboxItem } from "../api-types";
import { inboxQuery, type InboxFilters } from "./filters";

const PAGE_SIZE = 50;

type State = { items: InboxItem[]; nextCursor: string | null; loading: boolean; error: string | null };

/**
 * The inbox's answers for some filters, page by page through the API's cursor. A change of filters
 * starts over; an answer from an older request that arrives late is dropped.
 */
export function useInboxPages(filters: InboxFilters) {
  const [state, setState] = useState<State>({ items: [], nextCursor: null, loading: true, error: null });
  const request = useRef(0);
  const key = JSON.stringify(inboxQuery(filters));

  const load = useCallback(
    async (cursor: string | null) => {
      const ticket = ++request.current;
      setState((previous) => ({ ...previous, items: cursor ? previous.items : [], loading: true, error: null }));
      try {
        const query = inboxQuery(filters, { limit: PAGE_SIZE, cursor });
        const page = await read(client.v1.responses.$get({ query }));
        if (ticket !== request.current) return;
        setState((previous) => ({
          items: cursor ? [...previous.items, ...page.items] : page.items,
          nextCursor: page.nextCursor,
          loading: false,
          error: null,
        }));
      } catch (error) {
        if (ticket !== request.current) return;
        setState((previous) => ({
          ...previous,
          loading: false,
          error: error instanceof Error ? error.message : String(error),
        }));
      }
    },
    // The query stands for the filters: same query, same request.
    [key],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  /** Shows a change made elsewhere (a status, a reply) without reading the page again. */
  const patch = useCallback((id: string, change: Partial<InboxItem>) => {
    setState((previous) => ({
      ...previous,
      items: previous.items.map((item) => (item.id === id ? { ...item, ...change } : item)),
    }));
  }, []);

  return { ...state, loadMore: () => state.nextCursor && load(state.nextCursor), retry: () => load(null), patch };
}
