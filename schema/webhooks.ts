import * as z from "zod";
import { Slug, Timestamp } from "./common";

/**
 * `period.closed`: an internal site's reporting period closed; its release groups' figures. Internal
 * answers send no per-answer event (the moment of an answer is itself identifying).
 */
export const EVENTS = ["response.created", "response.low_score", "reply.created", "period.closed"] as const;
export type WebhookEvent = (typeof EVENTS)[number];

/** `whsec_` + base64 of 24 to 64 random bytes, as the Standard Webhooks spec describes secrets. */
export const WebhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, "must be whsec_ followed by base64 of at least 24 bytes");

/**
 * Beyond this shape, the URL must be https to a public host name: no IP address, no local name, no credentials
 * (worker/domain/webhook-url.ts; WEBHOOK_ALLOW_LOCAL_HTTP lets http to a loopback host through, for local
 * development). It is stored as the URL parser normalises it.
 */
export const WebhookInput = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: "must be an https URL" }).max(2048),
  events: z.array(z.enum(EVENTS)).min(1).max(EVENTS.length),
  secret: WebhookSecret.optional(),
  /** `slack`: a body Slack's incoming webhooks accept (`{text}`), instead of the Standard Webhooks JSON. */
  format: z.enum(["standard", "slack"]).default("standard"),
});
export type WebhookInput = z.infer<typeof WebhookInput>;

export const WebhookParam = z.object({ id: Slug });

export const Webhook = z.strictObject({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(EVENTS)),
  format: z.enum(["standard", "slack"]),
  /**
   * Why nothing is delivered to `url` (a webhook saved before the URL rules, or a local URL once the local switch
   * is off), or null. Each such delivery is logged as failed with this reason; fix the URL and redeliver.
   */
  urlProblem: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Webhook = z.infer<typeof Webhook>;
/** A webhook as the Worker keeps it: with the secret its deliveries are signed with (never listed). */
export type StoredWebhook = Omit<Webhook, "urlProblem"> & { secret: string };
export const WebhookList = z.strictObject({ items: z.array(Webhook) });
/** `PUT /v1/webhooks/{id}`: the secret is shown when it was made there or just set, so the receiver can verify. */
export const WebhookSaved = Webhook.extend({ secret: z.string().optional() });

/**
 * What the queue carries: one delivery of one event to one webhook. `deliveryId` is the `webhook-id` header, the
 * same on every attempt and redelivery, so a receiver can drop a duplicate. `logged`: the delivery log has a row
 * for it already (a redelivery), to be marked delivered when it goes through.
 */
export type Delivery = {
  webhookId: string;
  deliveryId: string;
  event: WebhookEvent;
  timestamp: number;
  data: Record<string, unknown>;
  logged?: boolean;
};

/**
 * A delivery in the log: one that did not go through at its first attempt. `retrying`: the queue tries again
 * with backoff; `failed`: every retry failed (or the URL is refused), and it waits for a redelivery;
 * `redelivering`: sent again on request; `delivered`: it went through after all.
 */
export const DeliveryStatus = z.enum(["retrying", "failed", "redelivering", "delivered"]);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

const DeliveryId = z.string().regex(/^msg_[0-9a-f-]{36}$/, "must be a delivery id: msg_ followed by a UUID");

export const WebhookDelivery = z.strictObject({
  /** The `webhook-id` header the receiver saw (or will see). */
  id: z.string(),
  event: z.enum(EVENTS),
  /** The site the event is about. */
  site: z.string(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  /** What the last failed attempt met: an HTTP status, a network error, a timeout or a refused URL. */
  lastError: z.string().nullable(),
  /** When the event happened. */
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const DeliveryQuery = z.object({
  status: DeliveryStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: DeliveryId.optional(),
});
export const DeliveryPage = z.strictObject({ items: z.array(WebhookDelivery), nextCursor: z.string().nullable() });
export const DeliveryParam = z.object({ id: Slug, delivery: DeliveryId });
