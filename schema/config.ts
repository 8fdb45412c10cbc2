import * as z from "zod";
import { Audience, Dimension, Kind, LocalizedText, Period, ReportingPeriod, Slug, TimeZone, Timestamp } from "./common";
import { IdentityInput, IdentityView } from "./identity";
import { AutoPrompt, PromptSettings } from "./prompt";
import { SegmentValue } from "./response";

/**
 * Body limit of config writes (PUT sites and surveys): more than the 16 KiB of other writes, since a survey
 * carries its question and comment prompt in every language (500 characters each).
 */
export const MAX_CONFIG_BODY_BYTES = 64 * 1024;

/**
 * An origin as browsers send it in the `Origin` header: scheme, host and port only.
 * Normalised (lowercase, default port dropped) so comparisons are exact.
 */
export const Origin = z.string().transform((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: "custom", message: "must be an origin such as https://shop.example" });
    return z.NEVER;
  }
  if (
    (url.protocol !== "https:" && url.protocol !== "http:") ||
    url.origin !== value.replace(/\/$/, "").toLowerCase()
  ) {
    ctx.addIssue({
      code: "custom",
      message: "must be an origin only (scheme://host[:port]), no path, query or wildcard",
    });
    return z.NEVER;
  }
  return url.origin;
});

export { Dimension } from "./common";

/** The most distinct values one dimension may take (README: "Abuse, floods and faults"), and the default. */
export const MAX_DIMENSION_VALUES = 1000;
export const DEFAULT_DIMENSION_VALUES = 100;

/** The rate-limit tiers a site may pick (wrangler.toml declares each tier's bindings). */
export const RateLimitTier = z.enum(["strict", "standard", "relaxed"]);

export const SiteInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    audience: Audience,
    origins: z.array(Origin).max(50),
    dimensions: z.array(Dimension).max(20).default([]),
    /**
     * The values a dimension accepts, for the dimensions that have a known list (`{"plan": ["free", "pro"]}`):
     * any other value is a 422 naming these. Omit it to keep the stored lists.
     */
    dimensionValues: z
      .record(Dimension, z.array(SegmentValue).min(1).max(MAX_DIMENSION_VALUES))
      .optional()
      .transform((lists) => lists && Object.fromEntries(Object.entries(lists).map(([d, v]) => [d, [...new Set(v)]]))),
    /**
     * How many distinct values each dimension without a list accepts from pages (1 to 1000); a new value past
     * it is refused. Omit it to keep the stored number; a new site takes 100.
     */
    maxDimensionValues: z.number().int().min(1).max(MAX_DIMENSION_VALUES).optional(),
    /** Internal sites: the smallest release group (README: "Employees' anonymity"); 3 at least. */
    minGroupSize: z.number().int().min(2).max(1000).default(5),
    /** Internal sites: answers are released only once their period has closed, in `timeZone`. */
    reportingPeriod: ReportingPeriod.default("week"),
    timeZone: TimeZone.default("UTC"),
    /**
     * Optional Cloudflare Turnstile: the widget renders it with `siteKey`, the Worker verifies each token
     * with `secretKey`. The secret is write-only (never returned); omit it to keep the stored one.
     */
    turnstile: z
      .strictObject({
        siteKey: z.string().trim().min(1).max(200),
        secretKey: z.string().trim().min(1).max(200).optional(),
      })
      .nullish(),
    /**
     * How hard POST /v1/responses limits this site: one of the tiers of Rate Limiting bindings declared in
     * wrangler.toml (README: "Abuse, floods and faults"). Omit it to keep the stored tier; a new site is "standard".
     */
    rateLimit: RateLimitTier.optional(),
    /** Internal sites only: require a verified employee (README: "Intranet identity"). */
    identity: IdentityInput.nullish(),
    autoPrompt: AutoPrompt.optional().meta({
      description:
        "Whether this site's surveys with `prompt` settings may ask by themselves, and (external sites) the days " +
        "without an auto-prompt after a visitor's answer or dismissal. Omit it to keep the stored one; a new site " +
        "is {enabled: false, recontactDays: 7}. Internal sites ask once per reporting period instead.",
    }),
  })
  .superRefine((site, ctx) => {
    for (const dimension of Object.keys(site.dimensionValues ?? {})) {
      if (!site.dimensions.includes(dimension))
        ctx.addIssue({
          code: "custom",
          path: ["dimensionValues", dimension],
          message: `not one of the site's dimensions (${site.dimensions.join(", ") || "none"}): add it to dimensions`,
        });
    }
  })
  .refine((site) => site.audience !== "internal" || site.minGroupSize >= 3, {
    path: ["minGroupSize"],
    message: "must be at least 3 on an internal site: smaller groups would let colleagues recognise each other",
  });
export type SiteInput = z.infer<typeof SiteInput>;

/** A site as the API shows it: the Turnstile and identity secrets are never returned. */
export const Site = z.strictObject({
  id: z.string(),
  name: z.string(),
  audience: Audience,
  origins: z.array(z.string()),
  dimensions: z.array(z.string()),
  /** The dimensions that accept only listed values, and those values. */
  dimensionValues: z.record(z.string(), z.array(z.string())),
  /** How many distinct values each other dimension accepts from pages. */
  maxDimensionValues: z.number().int(),
  minGroupSize: z.number().int(),
  rateLimit: RateLimitTier.optional(),
  reportingPeriod: ReportingPeriod,
  timeZone: z.string(),
  turnstile: z.strictObject({ siteKey: z.string() }).nullable(),
  identity: IdentityView.nullable(),
  autoPrompt: AutoPrompt.meta({
    description: "Whether the site's surveys with `prompt` settings ask by themselves; `recontactDays`: external sites",
  }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /**
   * Internal sites: the open reporting period, whose answers are shown nowhere until `end` (then they
   * are released as groups); null for external sites.
   */
  currentPeriod: Period.nullable(),
});
export type Site = z.infer<typeof Site>;
export const SiteList = z.strictObject({ items: z.array(Site) });
export type SiteList = z.infer<typeof SiteList>;

/** `GET /v1/sites/{site}/participation`: how many employees answered so far in the open period, no breakdown. */
export const Participation = z.strictObject({ period: Period, responses: z.number().int() });
export type Participation = z.infer<typeof Participation>;

export const ServiceInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  owner: Slug.nullish(),
});
export type ServiceInput = z.infer<typeof ServiceInput>;
export const Service = z.strictObject({
  id: z.string(),
  name: z.string(),
  owner: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Service = z.infer<typeof Service>;
export const ServiceList = z.strictObject({ items: z.array(Service) });
export type ServiceList = z.infer<typeof ServiceList>;

export const SurveyInput = z.strictObject({
  kind: Kind,
  question: LocalizedText,
  commentPrompt: LocalizedText.nullish(),
  services: z.array(Slug).max(100).default([]),
  topics: z.array(Slug).max(20).default([]),
  active: z.boolean().default(true),
  prompt: PromptSettings.nullable()
    .default(null)
    .meta({
      description:
        "When the widget asks by itself (triggers, pages, segment rules, sample, maxDisplays), while the site's " +
        "autoPrompt is enabled. null or omitted: never by itself (a PUT without it clears it). A segment rule " +
        "must name one of the site's dimensions.",
    }),
});
export type SurveyInput = z.infer<typeof SurveyInput>;
export const Survey = z.strictObject({
  site: z.string(),
  id: z.string(),
  kind: Kind,
  question: z.record(z.string(), z.string()),
  commentPrompt: z.record(z.string(), z.string()).nullable(),
  services: z.array(z.string()),
  topics: z.array(z.string()),
  active: z.boolean(),
  prompt: PromptSettings.nullable().meta({
    description: "The auto-prompt settings, with their defaults filled in; null: the survey never asks by itself",
  }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Survey = z.infer<typeof Survey>;
export const SurveyList = z.strictObject({ items: z.array(Survey) });
export type SurveyList = z.infer<typeof SurveyList>;
