import { SEVERAL } from "../../schema/common";
import type { Fact } from "./aggregate";
import type { Bucket } from "./buckets";
import { emptyTally } from "./metrics";

/** A release group as stored (worker/db/release.ts): '' absent, SEVERAL generalised. */
export type StoredGroup = {
  site: string;
  periodStart: number;
  periodEnd: number;
  survey: string;
  service: string;
  topic: string;
  segment: Record<string, string>;
  /** The marker of a withheld remainder: counts nothing. */
  withheld: boolean;
  tally: ReturnType<typeof emptyTally>;
};

/** The query's filters on attributes a group carries (site limits are applied when reading). */
export type GroupFilter = {
  survey?: string;
  service?: string;
  servicesIn?: string[];
  topic?: string;
  segment: Record<string, string>;
};

/** The bucket whose [from, to) holds `t`, by binary search; -1 outside them all. */
export function bucketOf(buckets: Bucket[], t: number): number {
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t < buckets[mid]!.from) hi = mid - 1;
    else if (t >= buckets[mid]!.to) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Whether a group matches a filter on one attribute: yes, no, or only in part (a generalised value). */
function matches(value: string, wanted: string | undefined): "yes" | "no" | "part" {
  if (wanted === undefined) return "yes";
  if (value === wanted) return "yes";
  return value === SEVERAL ? "part" : "no";
}

/**
 * Internal facts of an aggregate: whole release groups only. A group counts where the middle of its
 * period falls (so a range or bucket takes a period whole or not at all) and only if every filtered
 * attribute equals the filter. A group that matches only in part (a "several" value where the filter
 * names one) and a withheld remainder count nothing but mark the answer as withheld. So every figure,
 * and every difference between two figures, is a sum of whole groups of at least minGroupSize.
 */
export function releaseFacts(
  groups: StoredGroup[],
  buckets: Bucket[],
  filter: GroupFilter,
  dimensions: (site: string) => string[],
): Fact[] {
  const facts: Fact[] = [];
  for (const group of groups) {
    const bucket = bucketOf(buckets, (group.periodStart + group.periodEnd) / 2);
    if (bucket < 0) continue;
    // A withheld remainder has given up every attribute: whatever the filters, it is left out and says so.
    if (group.withheld) {
      facts.push({
        bucket,
        sign: 1,
        site: group.site,
        survey: SEVERAL,
        service: SEVERAL,
        attrs: {},
        tally: emptyTally(),
        withheld: true,
      });
      continue;
    }
    const checks = [
      matches(group.survey, filter.survey),
      matches(group.service, filter.service),
      filter.servicesIn === undefined
        ? "yes"
        : filter.servicesIn.includes(group.service)
          ? "yes"
          : group.service === SEVERAL
            ? "part"
            : "no",
      matches(group.topic, filter.topic),
      ...Object.entries(filter.segment).map(([dimension, value]) => matches(group.segment[dimension] ?? "", value)),
    ];
    if (checks.includes("no")) continue;
    const attrs: Record<string, string> = { topic: group.topic };
    for (const dimension of dimensions(group.site)) attrs[`segment.${dimension}`] = group.segment[dimension] ?? "";
    const base = { bucket, sign: 1 as const, site: group.site, survey: group.survey, service: group.service, attrs };
    if (checks.includes("part")) facts.push({ ...base, tally: emptyTally(), withheld: true });
    else facts.push({ ...base, tally: group.tally });
  }
  return facts;
}
