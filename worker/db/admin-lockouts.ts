/** When the address's lockout ends (epoch ms), or null when it is not locked out at `now`. */
export async function findLockout(db: D1Database, address: string, now: number): Promise<number | null> {
  const row = await db
    .prepare("SELECT until FROM admin_lockouts WHERE address = ? AND until > ?")
    .bind(address, now)
    .first<{ until: number }>();
  return row?.until ?? null;
}

/** Locks the address out until `until`, and drops lockouts that have ended (the table stays tiny). */
export async function lockOut(db: D1Database, address: string, until: number, now: number): Promise<void> {
  await db.batch([
    db.prepare("DELETE FROM admin_lockouts WHERE until <= ?").bind(now),
    db
      .prepare(
        "INSERT INTO admin_lockouts (address, until) VALUES (?, ?) " +
          "ON CONFLICT (address) DO UPDATE SET until = excluded.until",
      )
      .bind(address, until),
  ]);
}

/** Daily housekeeping: lockouts that have ended. */
export async function purgeEndedLockouts(db: D1Database, now: number): Promise<number> {
  const result = await db.prepare("DELETE FROM admin_lockouts WHERE until <= ?").bind(now).run();
  return result.meta.changes ?? 0;
}
