import { strings } from "../strings";
import { focusSoon } from "./lines";

/** One language of a localized text, as the form edits it. */
export type Row = { locale: string; text: string };

const t = strings.config;

export const rowsOf = (text: Record<string, string> | null | undefined): Row[] =>
  Object.entries(text ?? {}).map(([locale, value]) => ({ locale, text: value }));

/**
 * The rows as the API takes them (`{en: "…", de: "…"}`), or the problem with them: a language given
 * twice would silently keep only the last, so it is refused here.
 */
export function textOf(rows: Row[]): { value: Record<string, string> } | { problem: string } {
  const value: Record<string, string> = {};
  for (const row of rows) {
    const locale = row.locale.trim();
    const text = row.text.trim();
    if (!locale && !text) continue;
    if (!locale) return { problem: t.languageMissing };
    if (locale in value) return { problem: t.languageTwice(locale) };
    value[locale] = text;
  }
  return { value };
}

type Props = {
  /** The field's id prefix and its legend. */
  id: string;
  legend: string;
  rows: Row[];
  onChange: (rows: Row[]) => void;
  invalid: boolean;
  describedBy?: string;
};

/** A text in several languages: a language tag and its text per row, rows added and removed at will. */
export function LocalizedRows({ id, legend, rows, onChange, invalid, describedBy }: Props) {
  const update = (index: number, patch: Partial<Row>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  // The removed row's button goes away with it: focus moves to the row that takes its place, or to Add.
  const remove = (index: number) => {
    onChange(rows.filter((_, i) => i !== index));
    focusSoon(rows.length > 1 ? `${id}-locale-${Math.min(index, rows.length - 2)}` : `${id}-add`);
  };
  return (
    <fieldset class="localized" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {rows.map((row, index) => (
        <div class="localized-row" key={index}>
          <div class="field locale">
            <label for={`${id}-locale-${index}`}>{t.language(index + 1)}</label>
            <input
              id={`${id}-locale-${index}`}
              value={row.locale}
              placeholder="en"
              autocomplete="off"
              spellcheck={false}
              maxLength={35}
              aria-invalid={invalid || undefined}
              onInput={(e) => update(index, { locale: e.currentTarget.value })}
            />
          </div>
          <div class="field text">
            <label for={`${id}-text-${index}`}>{t.textIn(row.locale.trim() || String(index + 1))}</label>
            <input
              id={`${id}-text-${index}`}
              value={row.text}
              maxLength={500}
              aria-invalid={invalid || undefined}
              onInput={(e) => update(index, { text: e.currentTarget.value })}
            />
          </div>
          <button type="button" class="remove" onClick={() => remove(index)}>
            {t.remove}
            <span class="visually-hidden"> {t.language(index + 1)}</span>
          </button>
        </div>
      ))}
      <button
        type="button"
        id={`${id}-add`}
        onClick={() => {
          onChange([...rows, { locale: "", text: "" }]);
          focusSoon(`${id}-locale-${rows.length}`);
        }}
      >
        {t.addLanguage}
      </button>
    </fieldset>
  );
}
