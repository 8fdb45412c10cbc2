import { useEffect, useState } from "preact/hooks";
import { client } from "./api";
import type { AggregatesQuery } from "./api-types";
import type { Bucket } from "./format";
import { coarserThan, isBucketRefusal } from "./release";
import { useApi } from "./use-api";

/**
 * An aggregate with a series by `wanted` (null: no series). Should the API still refuse the bucket as
 * finer than an internal site's reporting period (a 422 naming the period: a site the dashboard's lists
 * did not show), it asks again one step coarser, then without a series, rather than fail the view.
 * `bucket` is the one the answer is by; `query` null waits (the lists that decide the bucket are loading).
 */
export function useAggregate(query: ((bucket: Bucket | null) => AggregatesQuery) | null, wanted: Bucket | null) {
  const [raised, setRaised] = useState<{ from: string; bucket: Bucket | null } | null>(null);
  const asked = query ? JSON.stringify(query(wanted)) : null;
  const bucket = raised && raised.from === asked ? raised.bucket : wanted;
  const answer = useApi(client.v1.aggregates.$get, query ? { query: query(bucket) } : null);
  const refused = isBucketRefusal(answer.error);
  useEffect(() => {
    if (refused && asked && bucket) setRaised({ from: asked, bucket: coarserThan(bucket) });
  }, [refused, asked, bucket]);
  return { ...answer, bucket, loading: answer.loading || refused, error: refused ? null : answer.error };
}
