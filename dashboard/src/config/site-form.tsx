import { useEffect, useState } from "preact/hooks";
import { api, type Site } from "../api";
import { FieldProblem, FormProblems, invalidProps, NO_PROBLEMS, problemsOf, type Problems } from "../form-problems";
import { strings } from "../strings";
import { IdField } from "./id-field";
import { linesOf, toLines } from "./lines";

/** A site as GET shows it, with what api.ts's Site leaves out: the write-only features, as views. */
export type StoredSite = Site & {
  turnstile?: { siteKey: string } | null;
  identity?: ({ verify: "access"; teamDomain: string; aud: string; claims: Record<string, string>; ballot: string } | { verify: "token"; secretSet: true; ballot: string }) | null;
};

const t = strings.config;
const FIELDS = ["id", "name", "audience", "origins", "dimensions", "minGroupSize"];

/**
 * What this form does not edit, sent back as GET showed it: a PUT is a whole replacement, and one
 * without `turnstile` or `identity` turns them off. Their secrets are write-only and never shown;
 * the API keeps the stored ones when the site key (Turnstile) or `verify: "token"` is sent again.
 */
export function untouched(site: StoredSite | null): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  if (site?.turnstile) kept.turnstile = { siteKey: site.turnstile.siteKey };
  if (site?.identity) kept.identity = site.identity.verify === "token" ? { verify: "token", ballot: site.identity.ballot } : site.identity;
  return kept;
}

type Props = { site: StoredSite | null; taken: string[]; onSaved: (site: Site) => void; onCancel: () => void };

export function SiteForm({ site, taken, onSaved, onCancel }: Props) {
  const form = site ? `site-${site.id}` : "site-new";
  const [id, setId] = useState(site?.id ?? "");
  const [name, setName] = useState(site?.name ?? "");
  const [audience, setAudience] = useState<Site["audience"]>(site?.audience ?? "external");
  const [origins, setOrigins] = useState(toLines(site?.origins ?? []));
  const [dimensions, setDimensions] = useState(toLines(site?.dimensions ?? []));
  const [minGroupSize, setMinGroupSize] = useState(String(site?.minGroupSize ?? 5));
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);

  useEffect(() => document.getElementById(`${form}-${site ? "name" : "id"}`)?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    // PUT is an upsert: a "new" site under an existing id would silently replace that site.
    if (!site && taken.includes(id.trim())) return setProblems({ fields: { id: [t.idTaken] }, general: [] });
    setSaving(true);
    try {
      const body = { name, audience, origins: linesOf(origins), dimensions: linesOf(dimensions), minGroupSize: Number(minGroupSize), ...untouched(site) };
      onSaved(await api<Site>("PUT", `/v1/sites/${encodeURIComponent(id.trim())}`, body));
    } catch (error) {
      setProblems(problemsOf(error, FIELDS, { aliases: { site: "id" }, lines: ["origins", "dimensions"] }));
    } finally {
      setSaving(false);
    }
  };
  const field = (name: string, hint = false) => ({ id: `${form}-${name}`, ...invalidProps(problems, form, name, hint ? `${form}-${name}-hint` : undefined) });

  return (
    <form class="config-form" onSubmit={submit} aria-labelledby={`${form}-title`}>
      <h3 id={`${form}-title`}>{site ? t.editSite(site.name) : t.newSite}</h3>
      <FormProblems problems={problems} />
      {!site && <IdField form={form} problems={problems} value={id} onInput={setId} />}
      <div class="field">
        <label for={`${form}-name`}>{t.name}</label>
        <input {...field("name")} required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <FieldProblem problems={problems} form={form} field="name" />
      </div>
      <div class="field">
        <label for={`${form}-audience`}>{t.audience}</label>
        <select {...field("audience")} value={audience} onChange={(e) => setAudience(e.currentTarget.value as Site["audience"])}>
          <option value="external">{t.audienceExternal}</option>
          <option value="internal">{t.audienceInternal}</option>
        </select>
        <FieldProblem problems={problems} form={form} field="audience" />
      </div>
      <div class="field">
        <label for={`${form}-origins`}>{t.origins}</label>
        <p id={`${form}-origins-hint`} class="hint muted">{t.originsHint}</p>
        <textarea {...field("origins", true)} rows={3} spellcheck={false} value={origins} onInput={(e) => setOrigins(e.currentTarget.value)} />
        <FieldProblem problems={problems} form={form} field="origins" />
      </div>
      <div class="field">
        <label for={`${form}-dimensions`}>{t.dimensions}</label>
        <p id={`${form}-dimensions-hint`} class="hint muted">{t.dimensionsHint}</p>
        <textarea {...field("dimensions", true)} rows={2} spellcheck={false} value={dimensions} onInput={(e) => setDimensions(e.currentTarget.value)} />
        <FieldProblem problems={problems} form={form} field="dimensions" />
      </div>
      <div class="field">
        <label for={`${form}-minGroupSize`}>{t.minGroupSize}</label>
        <p id={`${form}-minGroupSize-hint`} class="hint muted">{t.minGroupSizeHint}</p>
        <input {...field("minGroupSize", true)} type="number" inputMode="numeric" min={2} max={1000} step={1} required value={minGroupSize} onInput={(e) => setMinGroupSize(e.currentTarget.value)} />
        <FieldProblem problems={problems} form={form} field="minGroupSize" />
      </div>
      {site && (site.turnstile || site.identity) && <p class="hint muted">{t.keptAsIs}</p>}
      <div class="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? t.saving : strings.common.save}
        </button>
        <button type="button" onClick={onCancel}>
          {strings.common.cancel}
        </button>
      </div>
    </form>
  );
}
