import { useEffect, useState } from "preact/hooks";
import { client, read } from "../api";
import type { Service } from "../api-types";
import { FormProblems } from "../form-problems";
import { strings } from "../strings";
import { IdField } from "./id-field";
import { Field, FormActions, useConfigForm, useSectionEditing } from "./form-kit";

const t = strings.config;

type Props = { services: Service[]; canWrite: boolean; onSaved: () => Promise<unknown> };

/** The services rated on every site, and the team that owns each: shared, so both sides meet on them. */
export function ServicesSection({ services, canWrite, onSaved }: Props) {
  const { editing, setEditing, message, setMessage, close, saved } = useSectionEditing<Service>(
    "service",
    onSaved,
    (service) => t.savedService(service.name),
  );
  return (
    <section class="config-section" aria-labelledby="services-title">
      <div class="section-head">
        <h2 id="services-title">{t.services}</h2>
        {canWrite && editing !== "" && (
          <button type="button" id="new-service" onClick={() => setEditing("")}>
            {t.newService}
          </button>
        )}
      </div>
      <p role="status" class="muted">
        {message}
      </p>
      {editing === "" && (
        <ServiceForm
          service={null}
          taken={services.map((s) => s.id)}
          onSaved={saved}
          onCancel={() => close("new-service")}
        />
      )}
      {services.length === 0 && <p class="muted">{t.noServices}</p>}
      <ul class="cards compact">
        {services.map((service) => (
          <li key={service.id} class="card">
            {editing === service.id ? (
              <ServiceForm
                service={service}
                taken={[]}
                onSaved={saved}
                onCancel={() => close(`edit-service-${service.id}`)}
              />
            ) : (
              <>
                <h3>
                  {service.name} <span class="muted id">{service.id}</span>
                </h3>
                <p>{service.owner ? t.ownedBy(service.owner) : <span class="muted">{t.noOwner}</span>}</p>
                {canWrite && (
                  <button
                    type="button"
                    id={`edit-service-${service.id}`}
                    onClick={() => {
                      setMessage("");
                      setEditing(service.id);
                    }}
                  >
                    {t.edit}
                    <span class="visually-hidden"> {service.name}</span>
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

type FormProps = {
  service: Service | null;
  taken: string[];
  onSaved: (service: Service) => void;
  onCancel: () => void;
};

function ServiceForm({ service, taken, onSaved, onCancel }: FormProps) {
  const form = service ? `service-${service.id}` : "service-new";
  const [id, setId] = useState(service?.id ?? "");
  const [name, setName] = useState(service?.name ?? "");
  const [owner, setOwner] = useState(service?.owner ?? "");
  const { saving, problems, setProblems, field, save } = useConfigForm(form);
  useEffect(() => document.getElementById(`${form}-${service ? "name" : "id"}`)?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!service && taken.includes(id.trim())) return setProblems({ fields: { id: [t.idTaken] }, general: [] });
    await save(
      async () => {
        const param = { service: encodeURIComponent(id.trim()) };
        const json = { name, owner: owner.trim() || null };
        onSaved(await read(client.v1.services[":service"].$put({ param, json })));
      },
      ["id", "name", "owner"],
      { aliases: { service: "id" } },
    );
  };

  return (
    <form class="config-form" onSubmit={submit} aria-labelledby={`${form}-title`}>
      <h3 id={`${form}-title`}>{service ? t.editService(service.name) : t.newService}</h3>
      <FormProblems problems={problems} />
      {!service && <IdField form={form} problems={problems} value={id} onInput={setId} />}
      <Field form={form} name="name" label={t.name} problems={problems}>
        <input {...field("name")} required value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <Field form={form} name="owner" label={t.owner} hint={t.ownerHint} problems={problems}>
        <input
          {...field("owner", true)}
          autocomplete="off"
          spellcheck={false}
          value={owner}
          onInput={(e) => setOwner(e.currentTarget.value)}
        />
      </Field>
      <FormActions saving={saving} onCancel={onCancel} />
    </form>
  );
}
