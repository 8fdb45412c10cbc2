import { internalSiteOf, periodStart, type Answer, type Org } from "./org-model";
import type { Figure, Listing, Selector, Tally } from "./observe";
import type { Delivered } from "./org-seed";

/**
 * The attacker's reasoning over everything collected. External answers are public (any reader lists
 * them in the inbox), so each figure's internal part is known: the figure minus the external answers it
 * selects. A leak is a figure, a difference of two figures, or a figure minus its visible parts, that
 * comes to a non-empty set of fewer than minGroupSize internal answers; a row set that shows fewer than
 * minGroupSize internal answers of one group, or details finer than the group; an answer of an open
 * period seen anywhere; a per-answer webhook about an employee.
 */
export type Leak = { attack: string; check: string; detail: string };

/** A detractor, CSAT ≤ 2 (the kinds these organisations use): what a webhook calls a low score. */
const isLow = (kind: string, score: number) => (kind === "nps" ? score <= 6 : score <= 2);

const ZERO = (): Tally => ({ count: 0, dist: new Array<number>(11).fill(0) });
const minus = (a: Tally, b: Tally): Tally => ({ count: a.count - b.count, dist: a.dist.map((n, s) => n - b.dist[s]!) });
const plus = (a: Tally, b: Tally): Tally => ({ count: a.count + b.count, dist: a.dist.map((n, s) => n + b.dist[s]!) });
const nonNegative = (t: Tally) => t.count >= 0 && t.dist.every((n) => n >= 0);

export function attributeOf(answer: Answer, field: string): string | null {
  if (field.startsWith("segment.")) return answer.segment[field.slice(8)] ?? null;
  if (field === "audience") return answer.audience;
  if (field === "site" || field === "survey") return answer[field];
  if (field === "service" || field === "topic") return answer[field];
  throw new Error(`the model has no ${field}`);
}

export const selects = (selector: Selector, answer: Answer) =>
  Object.entries(selector).every(([field, value]) => attributeOf(answer, field) === value);

/** B's answers are among A's whatever the counting rule: every condition of A holds in B, B's range lies in A's. */
function refines(b: Figure, a: Figure): boolean {
  if (b.from < a.from || b.to > a.to) return false;
  for (const [field, value] of Object.entries(a.selector))
    if (!(field in b.selector) || b.selector[field] !== value) return false;
  return true;
}

export class Attacker {
  readonly figures: Figure[] = [];
  readonly listings: (Listing & { now: number })[] = [];
  events: Delivered[] = [];
  comparisons = 0;
  /** Figures that count employees' answers, and their rows listed: an attack that saw none proves nothing. */
  seen = { figures: 0, rows: 0 };
  readonly leaks = new Map<string, Leak>();
  readonly anomalies: string[] = [];
  private readonly residuals = new Map<Figure, Tally | null>();

  constructor(private readonly org: Org) {}

  private get k() {
    return this.org.minGroupSize;
  }

  private leak(attack: string, check: string, detail: string) {
    this.leaks.set(`${attack}|${check}|${detail}`, { attack, check, detail });
  }

  /** Small and not empty: what may never be derived. */
  private isSmall(t: Tally) {
    this.comparisons++;
    return nonNegative(t) && t.count > 0 && t.count < this.k;
  }

  /** The figure minus the public external answers it selects: its internal part. */
  residual(figure: Figure): Tally | null {
    if (this.residuals.has(figure)) return this.residuals.get(figure)!;
    let result: Tally | null = null;
    if (figure.cell) {
      const external = ZERO();
      for (const answer of this.org.answers) {
        if (
          answer.audience !== "external" ||
          answer.kind !== figure.kind ||
          answer.at < figure.from ||
          answer.at >= figure.to ||
          !selects(figure.selector, answer)
        )
          continue;
        external.count++;
        external.dist[answer.score]!++;
      }
      result = minus(figure.cell, external);
      if (!nonNegative(result))
        this.anomalies.push(`negative internal part ${JSON.stringify(result)}: ${figure.path} ${figure.part}`);
    }
    this.residuals.set(figure, result);
    return result;
  }

  findLeaks(): Leak[] {
    this.figureLeaks();
    this.rowLeaks();
    this.webhookLeaks();
    return [...this.leaks.values()];
  }

  private figureLeaks() {
    const sets = new Map<string, Figure[]>();
    for (const figure of this.figures) {
      const r = this.residual(figure);
      if (!r) continue;
      if (r.count > 0) this.seen.figures++;
      const id = `${figure.path} ${figure.part}`;
      if (this.isSmall(r)) this.leak(figure.attack, "a figure counts fewer than k internal answers", id);
      if (figure.attack === "open period" && r.count > 0)
        this.leak("open period", "an open period's answers counted", id);
      const set = `${figure.epoch}|${figure.kind}`;
      sets.set(set, [...(sets.get(set) ?? []), figure]);
    }
    for (const figures of sets.values()) this.compareWithin(figures);
    this.compareAcrossEpochs();
  }

  /** Every figure minus each figure it contains, and minus the sum of its disjoint visible parts. */
  private compareWithin(figures: Figure[]) {
    for (const a of figures) {
      const ra = this.residual(a);
      if (!ra) continue;
      const parts = new Map<string, Map<string, Tally>>();
      for (const b of figures) {
        if (a === b || !refines(b, a)) continue;
        const rb = this.residual(b);
        if (!rb) continue;
        if (!nonNegative(minus(ra, rb)))
          this.anomalies.push(`a part exceeds its whole: ${a.path} ${a.part} ⊇ ${b.path} ${b.part}`);
        if (this.isSmall(minus(ra, rb)))
          this.leak(
            b.attack,
            "two figures differ by fewer than k internal answers",
            `${a.path} ${a.part} − ${b.path} ${b.part}`,
          );
        if (b.from !== a.from || b.to !== a.to) continue;
        // Parts that fix the same further fields to different values are disjoint: they add up.
        const extra = Object.keys(b.selector)
          .filter((field) => !(field in a.selector))
          .sort();
        const family = extra.join(",");
        if (!parts.has(family)) parts.set(family, new Map());
        parts.get(family)!.set(JSON.stringify(extra.map((field) => b.selector[field])), rb);
      }
      for (const [family, members] of parts) {
        if (members.size < 2) continue;
        const rest = minus(ra, [...members.values()].reduce(plus, ZERO()));
        if (this.isSmall(rest))
          this.leak(
            a.attack,
            "a figure minus its visible parts is fewer than k internal answers",
            `${a.path} ${a.part} − Σ ${family}`,
          );
      }
    }
  }

  /** The same request read at two moments (a refresh, a deletion): the difference either way. */
  private compareAcrossEpochs() {
    const byRequest = new Map<string, Figure[]>();
    for (const figure of this.figures) {
      const key = `${figure.path}|${figure.part}`;
      byRequest.set(key, [...(byRequest.get(key) ?? []), figure]);
    }
    for (const reads of byRequest.values()) {
      for (let i = 0; i < reads.length; i++) {
        for (let j = i + 1; j < reads.length; j++) {
          const [before, after] = [this.residual(reads[i]!), this.residual(reads[j]!)];
          if (!before || !after || reads[i]!.epoch === reads[j]!.epoch) continue;
          const attack = [reads[i]!.epoch, reads[j]!.epoch].includes("deleted") ? "deletion" : "refresh";
          const id = `${reads[i]!.path} ${reads[i]!.part} @ ${reads[i]!.epoch} vs ${reads[j]!.epoch}`;
          if (this.isSmall(minus(after, before)) || this.isSmall(minus(before, after)))
            this.leak(attack, "a figure changed by fewer than k internal answers", id);
        }
      }
    }
  }

  private rowLeaks() {
    const byId = new Map(this.org.answers.filter((answer) => answer.id).map((answer) => [answer.id!, answer]));
    const ATTRIBUTES = ["survey", "service", "topic"];
    for (const listing of this.listings) {
      const internal = listing.rows.filter((row) => this.org.internal.some((site) => site.id === row.site));
      for (const row of internal) {
        const answer = byId.get(row.id);
        const site = answer && internalSiteOf(this.org, answer);
        if (!answer || !site) continue;
        this.comparisons++;
        this.seen.rows++;
        const period = periodStart(site, answer.at);
        if (period >= periodStart(site, listing.now))
          this.leak("open period", "an open period's answer listed", answer.id!);
        if (row.locale !== null || row.page !== null)
          this.leak("row details", "locale or page of an employee's answer", answer.id!);
        if (Date.parse(row.createdAt) !== period) this.leak("row details", "a time finer than the period", answer.id!);
      }
      // A listing narrowed by attributes (no score or status filter) must hold whole groups.
      const narrowed = Object.keys(listing.filters).some(
        (field) => field.startsWith("segment.") || ATTRIBUTES.includes(field),
      );
      this.comparisons++;
      if (narrowed && internal.length > 0 && internal.length < this.k)
        this.leak(listing.attack, "a filter lists fewer than k internal answers", listing.path);
      // Rows that look alike (same attributes, same period) are what a reader can tell apart as a group.
      const lookAlike = new Map<string, number>();
      for (const row of internal) {
        const site = this.org.internal.find((s) => s.id === row.site)!;
        const at = periodStart(site, Date.parse(row.createdAt));
        const key = JSON.stringify([
          row.site,
          row.kind,
          row.survey,
          row.service,
          row.topic,
          Object.entries(row.segment).sort(),
          at,
        ]);
        lookAlike.set(key, (lookAlike.get(key) ?? 0) + 1);
      }
      for (const [key, n] of lookAlike) {
        this.comparisons++;
        if (n < this.k) this.leak(listing.attack, "rows single out fewer than k internal answers", key);
      }
    }
  }

  private webhookLeaks() {
    const internal = new Set(this.org.internal.map((site) => site.id));
    for (const event of this.events) {
      const data = event.data;
      if (!internal.has(String(data.site))) continue;
      this.comparisons++;
      if (event.type === "response.created" || event.type === "response.low_score")
        this.leak("webhooks", `${event.type} about an employee's answer`, `${event.type} ${data.id}`);
      if (event.type === "reply.created" && data.from === "respondent")
        this.leak("webhooks", "reply.created from an employee", String(data.id ?? data.responseId));
      if (event.type === "period.closed") {
        type Group = { kind: string; count: number; distribution: Record<string, number> };
        let lowScores = 0;
        for (const group of (data.groups as Group[] | undefined) ?? []) {
          this.comparisons++;
          if (group.count > 0 && group.count < this.k)
            this.leak("webhooks", "period.closed lists a group of fewer than k", JSON.stringify(group));
          for (const [score, n] of Object.entries(group.distribution ?? {}))
            if (isLow(group.kind, Number(score))) lowScores += n;
        }
        // More low scores than the listed groups hold would count withheld answers.
        this.comparisons++;
        if (Number(data.lowScores) !== lowScores)
          this.leak("webhooks", "period.closed counts low scores beyond its groups", JSON.stringify(data));
      }
    }
  }
}
