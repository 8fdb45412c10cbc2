// D1's transient failures (developers.cloudflare.com/d1/best-practices/retry-queries): safe to retry
// because every write here is idempotent (idempotency keys, upserts, ids fixed before the first try).
const TRANSIENT = [
  "Network connection lost",
  "storage caused object to be reset",
  "reset because its code was updated",
  "Cannot resolve D1 DB due to transient issue",
];
const OVERLOADED = /overloaded/i;
const INNER = Symbol("inner statement");

/** D1 said it is overloaded: nothing was stored, and retrying now would only add load. `onError` answers 503. */
export class DatabaseOverloaded extends Error {
  override readonly name = "DatabaseOverloaded";
  /** Seconds a client should wait before sending again. */
  readonly retryAfterSeconds = 5;
}

export type RetryOptions = { retries: number; baseMs: number; sleep: (ms: number) => Promise<void> };
const DEFAULTS: RetryOptions = {
  retries: 5,
  baseMs: 25,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export const isTransient = (error: unknown) => TRANSIENT.some((text) => String(error).includes(text));

async function withRetries<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      // An overloaded database is not helped by more load now: give up at once, so the client (the
      // widget's queue) comes back later.
      if (OVERLOADED.test(String(error)))
        throw new DatabaseOverloaded("The database is overloaded; try again shortly. Nothing was stored.");
      if (!isTransient(error) || attempt >= options.retries) throw error;
      // Exponential backoff with full jitter, capped at a second.
      await options.sleep(Math.random() * Math.min(1000, options.baseMs * 2 ** attempt));
    }
  }
}

function wrapStatement(statement: D1PreparedStatement, options: RetryOptions): D1PreparedStatement {
  const wrapped = {
    [INNER]: statement,
    bind: (...values: unknown[]) => wrapStatement(statement.bind(...values), options),
    first: (column?: string) =>
      withRetries(() => (column === undefined ? statement.first() : statement.first(column)), options),
    all: () => withRetries(() => statement.all(), options),
    run: () => withRetries(() => statement.run(), options),
    raw: (raw?: { columnNames?: boolean }) => withRetries(() => statement.raw(raw as { columnNames: true }), options),
  };
  return wrapped as unknown as D1PreparedStatement;
}

const unwrap = (statement: D1PreparedStatement) =>
  (statement as unknown as { [INNER]?: D1PreparedStatement })[INNER] ?? statement;

/**
 * The D1 binding with transient failures retried (at most `retries` times) and overload thrown as
 * `DatabaseOverloaded`.
 */
export function resilient(db: D1Database, options: Partial<RetryOptions> = {}): D1Database {
  const settings = { ...DEFAULTS, ...options };
  return {
    prepare: (query: string) => wrapStatement(db.prepare(query), settings),
    batch: <T>(statements: D1PreparedStatement[]) => withRetries(() => db.batch<T>(statements.map(unwrap)), settings),
    exec: (query: string) => withRetries(() => db.exec(query), settings),
    dump: () => db.dump(),
    withSession: (constraint?: string) => db.withSession(constraint),
  } as D1Database;
}
