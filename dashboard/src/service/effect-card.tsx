import { client } from "../api";
import type { Action, ActionComparison, Cell } from "../api-types";
import { figureOf, formatCount, formatDay, formatDelta, formatFigure, isScoreKind } from "../format";
import { WithheldMark } from "../marks";
import { Status } from "../status";
import { strings } from "../strings";
import { useApi } from "../use-api";
import { effectSentence, verdictOf } from "./effect-sentence";

const t = strings.actions;
/** The before/after window the card asks for: four weeks each side (the API's default, and at most 182). */
export const EFFECT_DAYS = 28;

type Props = { action: Action; canWrite: boolean; onDelete: (action: Action) => void; deleting: boolean };

/**
 * An action with its before/after (GET /v1/services/{service}/actions/{id}): for each audience and kind, the
 * figure in the days before and after, the difference with its 95% interval, and what it means in a sentence.
 */
export function EffectCard({ action, canWrite, onDelete, deleting }: Props) {
  const param = { service: encodeURIComponent(action.service), id: encodeURIComponent(action.id) };
  const answer = useApi(client.v1.services[":service"].actions[":id"].$get, {
    param,
    query: { days: String(EFFECT_DAYS) },
  });
  const effect = answer.data?.effect;
  const headingId = `action-${action.id}`;
  return (
    <li class="action-card" aria-labelledby={headingId} data-action={action.id}>
      <h3 id={headingId}>{action.title}</h3>
      <p class="when">
        {formatDay(action.date)}
        {effect && effect.days > 0 && ` · ${t.beforeAfter(effect.days)}`}
      </p>
      {action.note && <p class="action-note">{action.note}</p>}
      <Status loading={answer.loading} error={answer.error} reload={answer.reload} />
      {effect && effect.days === 0 && <p class="muted">{t.tooRecent}</p>}
      {effect && effect.days > 0 && effect.comparisons.length === 0 && <p class="muted">{t.noComparison}</p>}
      {effect && effect.days > 0 && effect.comparisons.length > 0 && (
        // Focusable and named: on a phone the table scrolls sideways, by keyboard too (WCAG 2.1.1).
        <section class="table-scroll" aria-label={strings.charts.tableRegion(action.title)} tabindex={0}>
          <table class="effect-table">
            <thead>
              <tr>
                <th scope="col">{t.side}</th>
                <th scope="col">{t.before}</th>
                <th scope="col">{t.after}</th>
                <th scope="col">{t.change}</th>
              </tr>
            </thead>
            <tbody>
              {effect.comparisons.map((comparison) => (
                <ComparisonRow key={`${comparison.audience}-${comparison.kind}`} comparison={comparison} />
              ))}
            </tbody>
          </table>
        </section>
      )}
      {effect?.comparisons.some((comparison) => comparison.withheld) && <p class="note">{t.withheld}</p>}
      {canWrite && (
        <div class="form-actions">
          <button
            type="button"
            disabled={deleting}
            onClick={() => onDelete(action)}
            aria-label={t.removeNamed(action.title)}
          >
            {t.remove}
          </button>
        </div>
      )}
    </li>
  );
}

function ComparisonRow({ comparison }: { comparison: ActionComparison }) {
  const kind = comparison.kind;
  if (!isScoreKind(kind)) return null;
  const audience = strings.audiences[comparison.audience] ?? comparison.audience;
  const facts = {
    audience: comparison.audience,
    kind,
    difference: comparison.difference,
    interval: comparison.interval,
    significant: comparison.significant,
    before: comparison.a.count,
    after: comparison.b.count,
  };
  const interval = comparison.interval;
  return (
    <tr class={comparison.audience}>
      <th scope="row">
        {audience}, {strings.kinds[kind]}
        {comparison.withheld && <WithheldMark />}
      </th>
      <td>
        <Figure kind={kind} cell={comparison.a} />
      </td>
      <td>
        <Figure kind={kind} cell={comparison.b} />
      </td>
      <td>
        {comparison.difference !== null && (
          <span class="difference">
            {formatDelta(comparison.difference)}
            {interval && (
              <span class="muted">
                {" "}
                {strings.service.intervalText(formatDelta(interval[0]), formatDelta(interval[1]))}
              </span>
            )}
          </span>
        )}
        <p class={`effect-sentence ${verdictOf(facts)}`}>{effectSentence(facts)}</p>
      </td>
    </tr>
  );
}

function Figure({ kind, cell }: { kind: "nps" | "csat" | "ces" | "thumbs"; cell: Cell }) {
  const value = figureOf(kind, cell);
  if (!cell.count || value === null) return <span class="muted">{strings.common.noData}</span>;
  return (
    <>
      <strong>{formatFigure(kind, value)}</strong> <span class="muted">(n = {formatCount(cell.count)})</span>
    </>
  );
}
