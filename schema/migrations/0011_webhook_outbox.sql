-- Webhooks that are never lost (README: "Webhooks").

-- Deliveries not yet handed to the queue. Each is written in the same transaction as what it announces (an
-- answer, a reply, a closed period), so the event cannot be stored without its deliveries. The request that wrote
-- it sends it to the queue once the transaction is done and then deletes it; a row whose send failed (or whose
-- Worker died first) is left until its lease ends, and the cron sends it then. `id` is the delivery's
-- `webhook-id`, fixed here, so a receiver can drop the rare duplicate. No foreign key to webhooks: a webhook
-- deleted meanwhile must not fail the answer's transaction; its deliveries are dropped when they are consumed.
CREATE TABLE webhook_outbox (
  id TEXT PRIMARY KEY,                      -- msg_<uuid>: the webhook-id header, the same on every attempt
  webhook_id TEXT NOT NULL,
  delivery TEXT NOT NULL,                   -- the queue message, JSON
  created_at INTEGER NOT NULL,
  lease_until INTEGER NOT NULL              -- until then, the request (or cron run) that holds it is sending it
) STRICT;
CREATE INDEX webhook_outbox_by_lease ON webhook_outbox (lease_until);

-- The deliveries that did not go through at the first attempt: retried, dead (every retry failed, read from the
-- dead-letter queue), redelivered, or delivered after all. A delivery that succeeds at once leaves no row.
-- `delivery` keeps the message for a redelivery; rows go 30 days after their last change (the daily cron),
-- with their webhook, and with the response they are about when it is deleted.
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,                      -- the delivery's webhook-id
  webhook_id TEXT NOT NULL,
  event TEXT NOT NULL,
  site_id TEXT NOT NULL,                    -- the site the event is about: what a key limited to sites may see
  response_id TEXT,                         -- the response it is about, if any
  status TEXT NOT NULL CHECK (status IN ('retrying', 'failed', 'redelivering', 'delivered')),
  attempts INTEGER NOT NULL,
  last_error TEXT,
  delivery TEXT NOT NULL,                   -- the queue message, JSON
  created_at INTEGER NOT NULL,              -- when the event happened
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_by_response ON webhook_deliveries (response_id) WHERE response_id IS NOT NULL;
CREATE INDEX webhook_deliveries_by_age ON webhook_deliveries (updated_at);
