import { useEffect, useState } from "preact/hooks";
import { client, read } from "../api";
import type { ReportingPeriod, Site, SiteInput } from "../api-types";
import { FieldProblem, FormProblems } from "../form-problems";
import { strings } from "../strings";
import { IdField } from "./id-field";
import { Field, FormActions, useConfigForm } from "./form-kit";
import { linesOf, toLines, valueLines, valuesOf } from "./lines";

const t = strings.config;
const FIELDS = [
  "id",
  "name",
  "audience",
  "origins",
  "dimensions",
  "dimensionValues",
  "maxDimensionValues",
  "minGroupSize",
  "reportingPeriod",
  "timeZone",
  "autoPrompt",
  "autoPrompt.recontactDays",
];
const PERIODS: ReportingPeriod[] = ["day", "week", "month", "quarter"];

/**
 * What this form does not edit, sent back as GET showed it: a PUT is a whole replacement, and one
 * without `turnstile` or `identity` turns them off. Their secrets are write-only and never shown;
 * the API keeps the stored ones when the site key (Turnstile) or `verify: "token"` is sent again.
 */
export function untouched(site: Site | null): Pick<SiteInput, "turnstile" | "identity"> {
  const kept: Pick<SiteInput, "turnstile" | "identity"> = {};
  if (site?.turnstile) kept.turnstile = { siteKey: site.turnstile.siteKey };
  if (site?.identity)
    kept.identity =
      site.identity.verify === "token" ? { verify: "token", ballot: site.identity.ballot } : site.identity;
  return kept;
}

type Props = { site: Site | null; taken: string[]; onSaved: (site: Site) => void; onCancel: () => void };

export function SiteForm({ site, taken, onSaved, onCancel }: Props) {
  const form = site ? `site-${site.id}` : "site-new";
  const [id, setId] = useState(site?.id ?? "");
  const [name, setName] = useState(site?.name ?? "");
  const [audience, setAudience] = useState<Site["audience"]>(site?.audience ?? "external");
  const [origins, setOrigins] = useState(toLines(site?.origins ?? []));
  const [dimensions, setDimensions] = useState(toLines(site?.dimensions ?? []));
  const [dimensionValues, setDimensionValues] = useState(valueLines(site?.dimensionValues ?? {}));
  const [maxDimensionValues, setMaxDimensionValues] = useState(String(site?.maxDimensionValues ?? 100));
  const [minGroupSize, setMinGroupSize] = useState(String(site?.minGroupSize ?? 5));
  const [reportingPeriod, setReportingPeriod] = useState<ReportingPeriod>(site?.reportingPeriod ?? "week");
  const [timeZone, setTimeZone] = useState(site?.timeZone ?? "UTC");
  const [autoPrompt, setAutoPrompt] = useState(site?.autoPrompt.enabled ?? false);
  const [recontactDays, setRecontactDays] = useState(String(site?.autoPrompt.recontactDays ?? 7));
  const { saving, problems, setProblems, field, save } = useConfigForm(form);

  useEffect(() => document.getElementById(`${form}-${site ? "name" : "id"}`)?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    // PUT is an upsert: a "new" site under an existing id would silently replace that site.
    if (!site && taken.includes(id.trim())) return setProblems({ fields: { id: [t.idTaken] }, general: [] });
    const body = {
      name,
      audience,
      origins: linesOf(origins),
      dimensions: linesOf(dimensions),
      dimensionValues: valuesOf(dimensionValues),
      maxDimensionValues: Number(maxDimensionValues),
      minGroupSize: Number(minGroupSize),
      reportingPeriod,
      timeZone: timeZone.trim(),
      // An intranet asks once per reporting period instead: its wait is kept as it was.
      autoPrompt: { enabled: autoPrompt, recontactDays: recontactDays.trim() === "" ? 7 : Number(recontactDays) },
      ...untouched(site),
    };
    const param = { site: encodeURIComponent(id.trim()) };
    const put = () => client.v1.sites[":site"].$put({ param, json: body });
    await save(async () => onSaved(await read(put())), FIELDS, {
      aliases: { site: "id" },
      lines: ["origins", "dimensions"],
    });
  };

  return (
    <form class="config-form" onSubmit={submit} aria-labelledby={`${form}-title`}>
      <h3 id={`${form}-title`}>{site ? t.editSite(site.name) : t.newSite}</h3>
      <FormProblems problems={problems} />
      {!site && <IdField form={form} problems={problems} value={id} onInput={setId} />}
      <Field form={form} name="name" label={t.name} problems={problems}>
        <input {...field("name")} required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field form={form} name="audience" label={t.audience} problems={problems}>
        <select
          {...field("audience")}
          value={audience}
          onChange={(e) => setAudience(e.currentTarget.value as Site["audience"])}
        >
          <option value="external">{t.audienceExternal}</option>
          <option value="internal">{t.audienceInternal}</option>
        </select>
      </Field>
      <Field form={form} name="origins" label={t.origins} hint={t.originsHint} problems={problems}>
        <textarea
          {...field("origins", true)}
          rows={3}
          spellcheck={false}
          value={origins}
          onInput={(e) => setOrigins(e.currentTarget.value)}
        />
      </Field>
      <Field form={form} name="dimensions" label={t.dimensions} hint={t.dimensionsHint} problems={problems}>
        <textarea
          {...field("dimensions", true)}
          rows={2}
          spellcheck={false}
          value={dimensions}
          onInput={(e) => setDimensions(e.currentTarget.value)}
        />
      </Field>
      <Field
        form={form}
        name="dimensionValues"
        label={t.dimensionValues}
        hint={t.dimensionValuesHint}
        problems={problems}
      >
        <textarea
          {...field("dimensionValues", true)}
          rows={2}
          spellcheck={false}
          value={dimensionValues}
          onInput={(e) => setDimensionValues(e.currentTarget.value)}
        />
      </Field>
      <Field
        form={form}
        name="maxDimensionValues"
        label={t.maxDimensionValues}
        hint={t.maxDimensionValuesHint}
        problems={problems}
      >
        <input
          {...field("maxDimensionValues", true)}
          type="number"
          inputMode="numeric"
          min={1}
          max={1000}
          step={1}
          required
          value={maxDimensionValues}
          onInput={(e) => setMaxDimensionValues(e.currentTarget.value)}
        />
      </Field>
      <Field form={form} name="minGroupSize" label={t.minGroupSize} hint={t.minGroupSizeHint} problems={problems}>
        <input
          {...field("minGroupSize", true)}
          type="number"
          inputMode="numeric"
          min={audience === "internal" ? 3 : 2}
          max={1000}
          step={1}
          required
          value={minGroupSize}
          onInput={(e) => setMinGroupSize(e.currentTarget.value)}
        />
      </Field>
      {audience === "internal" && (
        <>
          <Field
            form={form}
            name="reportingPeriod"
            label={t.reportingPeriod}
            hint={t.reportingPeriodHint}
            problems={problems}
          >
            <select
              {...field("reportingPeriod", true)}
              value={reportingPeriod}
              onChange={(e) => setReportingPeriod(e.currentTarget.value as ReportingPeriod)}
            >
              {PERIODS.map((period) => (
                <option key={period} value={period}>
                  {t.reportingPeriods[period]}
                </option>
              ))}
            </select>
          </Field>
          <Field form={form} name="timeZone" label={t.timeZone} hint={t.timeZoneHint} problems={problems}>
            <input
              {...field("timeZone", true)}
              required
              spellcheck={false}
              value={timeZone}
              onInput={(e) => setTimeZone(e.currentTarget.value)}
            />
          </Field>
        </>
      )}
      <fieldset class="auto-prompt">
        <legend>{t.autoPrompt}</legend>
        <label class="check">
          <input
            id={`${form}-autoPrompt`}
            type="checkbox"
            checked={autoPrompt}
            aria-describedby={`${form}-autoPrompt-hint`}
            onChange={(e) => setAutoPrompt(e.currentTarget.checked)}
          />{" "}
          {t.autoPromptEnabled}
        </label>
        <p id={`${form}-autoPrompt-hint`} class="hint muted">
          {audience === "internal" ? t.autoPromptInternal : t.autoPromptHint}
        </p>
        <FieldProblem problems={problems} form={form} field="autoPrompt" />
        {audience === "external" && (
          <Field
            form={form}
            name="autoPrompt.recontactDays"
            label={t.recontactDays}
            hint={t.recontactDaysHint}
            problems={problems}
          >
            <input
              {...field("autoPrompt.recontactDays", true)}
              type="number"
              inputMode="numeric"
              min={0}
              max={365}
              step={1}
              value={recontactDays}
              onInput={(e) => setRecontactDays(e.currentTarget.value)}
            />
          </Field>
        )}
      </fieldset>
      {site && (site.turnstile || site.identity) && <p class="hint muted">{t.keptAsIs}</p>}
      <FormActions saving={saving} onCancel={onCancel} />
    </form>
  );
}
