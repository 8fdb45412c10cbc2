-- IPs locked out of admin authentication after too many wrong tokens (issue 13, item 4; README: "Abuse,
-- floods and faults"). The Rate Limiting binding counts the failures but cannot be asked without counting,
-- and a right token must not count; so the lockout it triggers is kept here, where every isolate sees it.
-- `address` is the daily salted hash of the IP (worker/abuse/visitor.ts), never the IP. A row lives for
-- one limiter period (60 s) and is deleted by the next lockout written after it expired, or by the daily cron.
CREATE TABLE admin_lockouts (
  address TEXT PRIMARY KEY,
  until INTEGER NOT NULL    -- epoch ms
) STRICT, WITHOUT ROWID;
