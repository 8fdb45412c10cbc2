import type { Site } from "../../schema/config";
import type { Catalog } from "./catalog";

/** What an internal survey's widget tells employees (issue 11: "Tell employees"). */
export type PrivacyNotice = { anonymity: string; deletion: string };

/**
 * The notice for a site, in `locale`, generated from the site's settings alone (minimum group size,
 * reporting period, whether identity is verified), so it names no team or group and cannot drift from
 * the rule the Worker applies. External sites get none: their answers are not held back or grouped.
 */
export function privacyNotice(
  locale: string,
  { privacy }: Catalog,
  site: Pick<Site, "audience" | "minGroupSize" | "reportingPeriod" | "identity">,
): PrivacyNotice | null {
  if (site.audience !== "internal") return null;
  const noun = privacy.answers[new Intl.PluralRules(locale).select(site.minGroupSize)] ?? privacy.answers.other;
  // A no-break space: the number never ends a line apart from what it counts.
  const groupSize = `${new Intl.NumberFormat(locale).format(site.minGroupSize)}\u00a0${noun}`;
  return {
    anonymity: privacy.anonymity(groupSize, site.reportingPeriod, !!site.identity),
    deletion: privacy.deletion(site.reportingPeriod),
  };
}
