import type { BallotPeriod } from "../../schema/identity";
import { randomToken, toHex } from "../domain/crypto";
import { ApiError } from "../errors";

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The first day (UTC, YYYY-MM-DD) of the period holding `now`: weeks start on Monday (ISO 8601). */
export function periodStart(period: BallotPeriod, now: number): string {
  const date = new Date(now);
  const [year, month] = [date.getUTCFullYear(), date.getUTCMonth()];
  switch (period) {
    case "day":
      return isoDay(now);
    case "week":
      return isoDay(Date.UTC(year, month, date.getUTCDate()) - ((date.getUTCDay() + 6) % 7) * DAY_MS);
    case "month":
      return isoDay(Date.UTC(year, month, 1));
    case "quarter":
      return isoDay(Date.UTC(year, month - (month % 3), 1));
  }
}

/** A site's ballot key: random, made once, never shown; without it a ballot cannot be tied to anyone. */
export const newBallotKey = () => randomToken(32);

/**
 * The ballot of one employee for one survey and period: a keyed hash, so the table holds nothing
 * that names the employee, the site or the time, and a guess of a subject cannot be checked without
 * the site's key.
 */
export async function ballotHash(ballotKey: string, survey: string, period: string, subject: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(ballotKey),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return toHex(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${survey}|${period}|${subject}`)));
}

/** Goes in the same `db.batch` as the response, after it: both land or neither. */
export const castBallotStatement = (db: D1Database, hash: string) =>
  db.prepare("INSERT INTO ballots (hash) VALUES (?)").bind(hash);

export const isBallotAlreadyCast = (error: unknown) =>
  error instanceof Error && /UNIQUE constraint failed: ballots\.hash/.test(error.message);

export const alreadyAnswered = () =>
  new ApiError(
    409,
    "already_answered",
    "You have already answered this survey in this period; nothing was stored. Thank you!",
  );
