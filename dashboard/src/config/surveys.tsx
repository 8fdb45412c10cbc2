import { useState } from "preact/hooks";
import type { Survey } from "../api-types";
import { firstText, type Catalog } from "../catalog";
import { strings } from "../strings";
import { useSectionEditing } from "./form-kit";
import { Snippet } from "./snippet";
import { promptSummary } from "./prompt-draft";
import { SurveyForm } from "./survey-form";

const t = strings.config;

type Props = { catalog: Catalog; canWrite: boolean; onSaved: () => Promise<unknown> };

/** A site's surveys, each with the tag that embeds it. */
export function SurveysSection({ catalog, canWrite, onSaved }: Props) {
  const [site, setSite] = useState(catalog.sites[0]?.id ?? "");
  const { editing, setEditing, message, setMessage, close, saved } = useSectionEditing<Survey>(
    "survey",
    onSaved,
    (survey) => t.savedSurvey(survey.id),
  );
  const surveys = catalog.surveys.filter((survey) => survey.site === site);
  const dimensions = catalog.sites.find((s) => s.id === site)?.dimensions ?? [];
  const serviceNames = (ids: string[]) =>
    ids.map((id) => catalog.services.find((service) => service.id === id)?.name ?? id).join(", ");

  return (
    <section class="config-section" aria-labelledby="surveys-title">
      <div class="section-head">
        <h2 id="surveys-title">{t.surveys}</h2>
      </div>
      {catalog.sites.length === 0 ? (
        <p class="muted">{t.noSites}</p>
      ) : (
        <div class="section-head">
          <div class="field inline">
            <label for="surveys-site">{t.surveysOf}</label>
            <select
              id="surveys-site"
              value={site}
              onChange={(e) => {
                setSite(e.currentTarget.value);
                setEditing(null);
                setMessage("");
              }}
            >
              {catalog.sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          {canWrite && editing !== "" && (
            <button type="button" id="new-survey" onClick={() => setEditing("")}>
              {t.newSurvey}
            </button>
          )}
        </div>
      )}
      <p role="status" class="muted">
        {message}
      </p>
      {editing === "" && (
        <SurveyForm
          site={site}
          dimensions={dimensions}
          survey={null}
          services={catalog.services}
          taken={surveys.map((s) => s.id)}
          onSaved={saved}
          onCancel={() => close("new-survey")}
        />
      )}
      {site && surveys.length === 0 && <p class="muted">{t.noSurveys}</p>}
      <ul class="cards">
        {surveys.map((survey) => (
          <li key={survey.id} class="card">
            {editing === survey.id ? (
              <SurveyForm
                site={site}
                dimensions={dimensions}
                survey={survey}
                services={catalog.services}
                taken={[]}
                onSaved={saved}
                onCancel={() => close(`edit-survey-${survey.id}`)}
              />
            ) : (
              <>
                <h3>
                  {survey.id} <span class="badge">{t.kinds[survey.kind]}</span>{" "}
                  {!survey.active && <span class="badge">{t.inactive}</span>}
                </h3>
                <dl class="facts">
                  <dt>{t.question}</dt>
                  <dd>
                    <ul class="plain">
                      {Object.entries(survey.question).map(([locale, text]) => (
                        <li key={locale} lang={locale}>
                          <span class="muted">{locale}</span> {text}
                        </li>
                      ))}
                    </ul>
                  </dd>
                  {survey.commentPrompt && (
                    <>
                      <dt>{t.commentPrompt}</dt>
                      <dd>{firstText(survey.commentPrompt)}</dd>
                    </>
                  )}
                  <dt>{t.ratedServices}</dt>
                  <dd>
                    {survey.services.length ? serviceNames(survey.services) : <span class="muted">{t.none}</span>}
                  </dd>
                  <dt>{t.topics}</dt>
                  <dd>{survey.topics.length ? survey.topics.join(", ") : <span class="muted">{t.none}</span>}</dd>
                  <dt>{strings.prompt.legend}</dt>
                  <dd>{promptSummary(survey.prompt) ?? <span class="muted">{t.off}</span>}</dd>
                </dl>
                <Snippet
                  site={survey.site}
                  survey={survey.id}
                  dimensions={segmentAttributes(catalog.sites.find((s) => s.id === survey.site))}
                />
                {canWrite && (
                  <button
                    type="button"
                    id={`edit-survey-${survey.id}`}
                    onClick={() => {
                      setMessage("");
                      setEditing(survey.id);
                    }}
                  >
                    {t.edit}
                    <span class="visually-hidden"> {survey.id}</span>
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The dimensions a page sets itself: none where the site verifies employees (identity sets them). */
const segmentAttributes = (site: { dimensions: string[]; identity?: unknown } | undefined) =>
  site && !site.identity ? site.dimensions : [];
