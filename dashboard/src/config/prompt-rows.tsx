import { strings } from "../strings";
import { focusSoon } from "./lines";
import { NEW_TRIGGER, TRIGGERS, type On, type RuleRow, type TriggerRow } from "./prompt-draft";

const t = strings.prompt;

type ListProps<Row> = {
  /** The ids' prefix: `${id}-${index}` for a row's first control, `${id}-add` for Add. */
  id: string;
  rows: Row[];
  onChange: (rows: Row[]) => void;
  /** The list's problem, said once for the group. */
  problemId?: string;
};

/** Rows added, changed and removed; a removed row's focus moves to the row taking its place, or to Add. */
function useRows<Row>({ id, rows, onChange }: ListProps<Row>) {
  return {
    update: (index: number, patch: Partial<Row>) =>
      onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row))),
    remove: (index: number) => {
      onChange(rows.filter((_, i) => i !== index));
      focusSoon(rows.length > 1 ? `${id}-${Math.min(index, rows.length - 2)}` : `${id}-add`);
    },
    add: (row: Row) => {
      onChange([...rows, row]);
      focusSoon(`${id}-${rows.length}`);
    },
  };
}

/** The survey's triggers, each with the one setting its kind takes. At most 10 (schema/prompt.ts). */
export function TriggerRows(props: ListProps<TriggerRow>) {
  const { id, rows, problemId } = props;
  const { update, remove, add } = useRows(props);
  return (
    <fieldset class="rows" aria-describedby={problemId}>
      <legend>{t.triggers}</legend>
      {rows.map((row, index) => (
        <div class="prompt-row" key={index}>
          <div class="field">
            <label for={`${id}-${index}`}>{t.trigger(index + 1)}</label>
            <select
              id={`${id}-${index}`}
              value={row.on}
              onChange={(e) => update(index, { on: e.currentTarget.value as On, value: "" })}
            >
              {TRIGGERS.map((on) => (
                <option key={on} value={on}>
                  {t.on[on]}
                </option>
              ))}
            </select>
          </div>
          <TriggerSetting id={`${id}-${index}-setting`} row={row} onInput={(value) => update(index, { value })} />
          <button type="button" class="remove" onClick={() => remove(index)}>
            {strings.config.remove}
            <span class="visually-hidden"> {t.trigger(index + 1)}</span>
          </button>
        </div>
      ))}
      {rows.length < 10 && (
        <button type="button" id={`${id}-add`} onClick={() => add(NEW_TRIGGER)}>
          {t.addTrigger}
        </button>
      )}
    </fieldset>
  );
}

/** The one setting a trigger takes, with the control that fits it; exit intent takes none. */
function TriggerSetting({ id, row, onInput }: { id: string; row: TriggerRow; onInput: (value: string) => void }) {
  if (row.on === "exit") return <p class="muted trigger-note">{t.exitNote}</p>;
  const scroll = row.on === "scroll";
  const number = row.on === "pageview" || scroll;
  return (
    <div class="field">
      <label for={id}>{t.setting[row.on]}</label>
      <input
        id={id}
        value={row.value}
        spellcheck={false}
        {...(number
          ? { type: "number", inputMode: "numeric" as const, min: scroll ? 1 : 0, max: scroll ? 100 : 3600, step: 1 }
          : { placeholder: row.on === "click" ? "#buy, .help-link" : "checkout_completed" })}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
}

/** Segment rules on the site's dimensions (`plan is pro`), every one of which must hold. At most 10. */
export function RuleRows(props: ListProps<RuleRow> & { dimensions: string[] }) {
  const { id, rows, problemId, dimensions } = props;
  const { update, remove, add } = useRows(props);
  return (
    <fieldset class="rows" aria-describedby={problemId}>
      <legend>{t.segment}</legend>
      {dimensions.length === 0 && rows.length === 0 && <p class="muted">{t.noDimensions}</p>}
      {rows.map((rule, index) => (
        <div class="prompt-row" key={index}>
          <div class="field">
            <label for={`${id}-${index}`}>{t.ruleDimension(index + 1)}</label>
            <select
              id={`${id}-${index}`}
              value={rule.dimension}
              onChange={(e) => update(index, { dimension: e.currentTarget.value })}
            >
              {/* A rule on a dimension the site has since dropped stays shown, for the API to refuse. */}
              {[...new Set([...dimensions, rule.dimension])].map((dimension) => (
                <option key={dimension} value={dimension}>
                  {dimension}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`${id}-${index}-op`}>{t.ruleOp(index + 1)}</label>
            <select
              id={`${id}-${index}-op`}
              value={rule.op}
              onChange={(e) => update(index, { op: e.currentTarget.value as RuleRow["op"] })}
            >
              <option value="eq">{t.eq}</option>
              <option value="ne">{t.ne}</option>
            </select>
          </div>
          <div class="field">
            <label for={`${id}-${index}-value`}>{t.ruleValue(index + 1)}</label>
            <input
              id={`${id}-${index}-value`}
              value={rule.value}
              spellcheck={false}
              onInput={(e) => update(index, { value: e.currentTarget.value })}
            />
          </div>
          <button type="button" class="remove" onClick={() => remove(index)}>
            {strings.config.remove}
            <span class="visually-hidden"> {t.rule(index + 1)}</span>
          </button>
        </div>
      ))}
      {dimensions.length > 0 && rows.length < 10 && (
        <button type="button" id={`${id}-add`} onClick={() => add({ dimension: dimensions[0]!, op: "eq", value: "" })}>
          {t.addRule}
        </button>
      )}
    </fieldset>
  );
}
