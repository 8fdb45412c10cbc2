import { randomToken, sha256Hex } from "../domain/crypto";

/**
 * A visitor hash after Plausible's scheme: hash(daily random salt, site, IP, user agent). It keys the
 * rate limits and nothing else: it is never stored, and since the salt changes every UTC day and old
 * salts are deleted, yesterday's hashes cannot be recomputed, so a visitor cannot be followed across days.
 * The IP and user agent are only read from the request; neither is stored or logged anywhere.
 */
export async function visitorHash(db: D1Database, site: string, request: Request, now = Date.now()): Promise<string> {
  const ip = request.headers.get("cf-connecting-ip") ?? "";
  const userAgent = request.headers.get("user-agent") ?? "";
  return dailyHash(db, [site, ip, userAgent], now);
}

/** The same for one network (the IP alone): an internal site's office, whose employees share one IP. */
export async function networkHash(db: D1Database, site: string, request: Request, now = Date.now()): Promise<string> {
  return dailyHash(db, [site, "network", request.headers.get("cf-connecting-ip") ?? ""], now);
}

/**
 * The same for one client address across every site, for admin sign-in: the IP, or for IPv6 its /64 (one
 * subscriber's network, which hands its devices any address inside it, so a full IPv6 address would let one
 * client rotate through 2^64 keys). Only `CF-Connecting-IP`, which Cloudflare's edge sets, is read: a header a
 * client writes (X-Forwarded-For) would let it spend another IP's budget and lock that IP out.
 */
export async function addressHash(db: D1Database, request: Request, now = Date.now()): Promise<string> {
  return dailyHash(db, ["address", addressOf(request.headers.get("cf-connecting-ip") ?? "")], now);
}

/** An IPv4 address as is; an IPv6 address as its first four groups (its /64). */
export function addressOf(ip: string): string {
  if (!ip.includes(":")) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = tail === "" ? [] : tail.split(":");
  const groups = ip.includes("::")
    ? [...headGroups, ...Array(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill("0"), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/**
 * The same for one verified employee (their credential's subject), so the rate limiter is never sent the
 * subject itself, and its keys cannot be tied to an employee, or to each other across days.
 */
export async function employeeHash(db: D1Database, site: string, subject: string, now = Date.now()): Promise<string> {
  return dailyHash(db, [site, "employee", subject], now);
}

async function dailyHash(db: D1Database, parts: string[], now: number): Promise<string> {
  const salt = await saltOf(db, utcDay(now));
  return (await sha256Hex([salt, ...parts].join("\n"))).slice(0, 32);
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
    db
      .prepare("INSERT INTO visitor_salts (day, salt) VALUES (?, ?) ON CONFLICT (day) DO NOTHING")
      .bind(day, randomToken(32)),
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
