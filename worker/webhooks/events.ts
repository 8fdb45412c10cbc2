import type { Reply } from "../../schema/followup";
import type { Delivery, StoredWebhook, WebhookEvent } from "../../schema/webhooks";
import type { ClosedPeriod } from "../domain/release-groups";
import type { ResponseRecord } from "../domain/ingest";
import { toCell } from "../domain/metrics";
import type { Kind } from "../../schema/common";

/** A detractor, CSAT ≤ 2, CES ≤ 3 or thumbs down: the answers a team wants to hear about at once. */
export function isLowScore(kind: string, score: number | null): boolean {
  if (score === null) return false;
  return { nps: score <= 6, csat: score <= 2, ces: score <= 3, thumbs: score === 0 }[kind] ?? false;
}

/** An event before it is addressed to webhooks. */
export type WebhookEventData = { event: WebhookEvent; data: Record<string, unknown> };

/**
 * What leaves feedloop about a response. No segment: a webhook cannot apply the anonymity rules of
 * internal sites, so it gets only what any aggregate may show of one answer.
 */
export function responseEvents(record: ResponseRecord, audience: string): WebhookEventData[] {
  const data = {
    id: record.id,
    site: record.site,
    survey: record.survey,
    audience,
    kind: record.kind,
    score: record.score,
    comment: record.comment,
    service: record.service || null,
    topic: record.topic || null,
    createdAt: new Date(record.createdAt).toISOString(),
  };
  const events: WebhookEventData[] = [{ event: "response.created", data }];
  if (isLowScore(record.kind, record.score)) events.push({ event: "response.low_score", data });
  return events;
}

/**
 * One closed period of an internal site: the figures of its release groups (each at least
 * minGroupSize answers), their low scores in all, and whether a remainder was withheld (not its size).
 */
export function periodClosedEvent(site: string, period: ClosedPeriod): WebhookEventData {
  const nullable = (value: string) => (value === "" ? null : value);
  const groups = period.groups.map((group) => ({
    kind: group.kind,
    survey: group.survey,
    service: nullable(group.service),
    topic: nullable(group.topic),
    segment: group.segment,
    ...toCell(group.kind as Kind, group.tally),
  }));
  const lowScores = period.groups.reduce(
    (sum, group) =>
      sum +
      group.tally.scores
        .filter((count, score) => count > 0 && isLowScore(group.kind, score))
        .reduce((a, b) => a + b, 0),
    0,
  );
  return {
    event: "period.closed",
    data: {
      site,
      period: { start: new Date(period.start).toISOString(), end: new Date(period.end).toISOString() },
      groups,
      lowScores,
      withheld: period.withheld.length > 0,
    },
  };
}

export const replyEvent = (responseId: string, site: string, reply: Reply): WebhookEventData => ({
  event: "reply.created",
  data: { responseId, site, ...reply },
});

/** One delivery per webhook subscribed to each event. */
export function deliveriesFor(webhooks: StoredWebhook[], events: WebhookEventData[], now: number): Delivery[] {
  return webhooks.flatMap((webhook) =>
    events
      .filter(({ event }) => webhook.events.includes(event))
      .map(({ event, data }) => ({
        webhookId: webhook.id,
        deliveryId: `msg_${crypto.randomUUID()}`,
        event,
        timestamp: now,
        data,
      })),
  );
}

/** The text of a Slack incoming-webhook message for an event. */
export function slackText(delivery: Delivery): string {
  const d = delivery.data as Record<string, string | number | null>;
  if (delivery.event === "period.closed") {
    const period = d.period as unknown as { start: string; end: string };
    const count = (d.groups as unknown as { count: number }[]).reduce((sum, group) => sum + group.count, 0);
    return (
      `Results of ${d.site} for ${period.start.slice(0, 10)} to ${period.end.slice(0, 10)}: ` +
      `${count} answers in released groups, ${d.lowScores} low scores`
    );
  }
  if (delivery.event === "reply.created")
    return `New reply from the ${d.from} on response ${d.responseId} (${d.site}): ${d.text}`;
  const score = d.score === null ? "" : ` ${String(d.kind).toUpperCase()} ${d.score}`;
  const low = delivery.event === "response.low_score" ? "Low score" : "New response";
  const service = d.service ? ` for ${d.service}` : "";
  const comment = d.comment ? `: “${d.comment}”` : "";
  return `${low}${score} on ${d.site}/${d.survey}${service}${comment}`;
}
