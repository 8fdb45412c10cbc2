import type { ResponseInput } from "../../schema/response";
import type { WidgetConfig } from "../../schema/widget";
import type { WidgetOptions } from "./options";
import type { Answer } from "./state";

/** The body of `POST /v1/responses`, from the same schema the Worker validates it with (types only). */
export type ResponsePayload = ResponseInput;

/** Builds the payload for one answer. Empty fields are left out rather than sent as null or "". */
export function buildPayload(
  config: WidgetConfig,
  options: WidgetOptions,
  answer: Answer,
  idempotencyKey: string,
): ResponsePayload {
  const payload: ResponsePayload = { site: options.site, survey: options.survey };
  const comment = answer.comment.trim();
  if (config.kind !== "text" && answer.score !== null) payload.score = answer.score;
  if (comment) payload.comment = comment;
  const service = answer.service ?? fixedService(config, options);
  if (service) payload.service = service;
  if (answer.topic) payload.topic = answer.topic;
  if (Object.keys(options.segment).length > 0) payload.segment = options.segment;
  payload.locale = config.locale;
  // Origin and path only: query strings and fragments often carry tokens and personal data.
  payload.page = (location.origin + location.pathname).slice(0, 2048);
  payload.idempotencyKey = idempotencyKey;
  return payload;
}

/**
 * The service the respondent is not asked about: the page's `data-service`, or the survey's only one.
 * `null` means "ask" when the survey lists several, and "none" when it lists none. A `data-service`
 * the survey does not list is ignored, since the server would refuse every answer carrying it (422).
 */
export function fixedService(config: WidgetConfig, options: WidgetOptions): string | null {
  const { services } = config;
  const wanted = options.service;
  if (wanted && (services.length === 0 || services.some((service) => service.id === wanted))) return wanted;
  return services.length === 1 ? services[0]!.id : null;
}
