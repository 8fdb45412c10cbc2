import { randomToken, sha256Hex } from "../domain/crypto";

/**
 * A visitor hash after Plausible's scheme: hash(daily random salt, site, IP, user agent). It keys the
 * rate limits and nothing else: it is never stored, and since the salt changes every UTC day and old
 * salts are deleted, yesterday's hashes cannot be recomputed, so a visitor cannot be followed across days.
 * The IP and user agent are only read from the request; neither is stored or logged anywhere.
 */
export async function visitorHash(db: D1Database, site: string, request: Request, now = Date.now()): Promise<string> {
  const salt = await saltOf(db, utcDay(now));
  const ip = request.headers.get("cf-connecting-ip") ?? "";
  const userAgent = request.headers.get("user-agent") ?? "";
  return (await sha256Hex(`${salt}\n${site}\n${ip}\n${userAgent}`)).slice(0, 32);
}

const utcDay = (now: number) => new Date(now).toISOString().slice(0, 10);

// Per isolate: one D1 round trip per isolate per day. Every isolate reads the same shared salt, so the
// same visitor gets the same rate-limit key wherever their requests land.
let cached: { day: string; salt: string } | null = null;

async function saltOf(db: D1Database, day: string): Promise<string> {
  if (cached?.day === day) return cached.salt;
  const [, , row] = await db.batch<{ salt: string }>([
    // A new day's salt retires every older one at once, whether or not the cron ran.
    db.prepare("DELETE FROM visitor_salts WHERE day < ?").bind(day),
    db.prepare("INSERT INTO visitor_salts (day, salt) VALUES (?, ?) ON CONFLICT (day) DO NOTHING").bind(day, randomToken(32)),
    db.prepare("SELECT salt FROM visitor_salts WHERE day = ?").bind(day),
  ]);
  const salt = row!.results[0]!.salt;
  cached = { day, salt };
  return salt;
}

/** Daily housekeeping: only today's salt may exist (so no salt outlives 48 hours, cron or not). */
export async function purgeOldSalts(db: D1Database, now: number): Promise<number> {
  cached = null;
  const result = await db.prepare("DELETE FROM visitor_salts WHERE day < ?").bind(utcDay(now)).run();
  return result.meta.changes ?? 0;
}
