import { webhookUrlProblem, type WebhookUrlRules } from "../domain/webhook-url";
import type { Bindings } from "../env";
import { validationFailed } from "../errors";

/** The URL rules of this deployment: WEBHOOK_ALLOW_LOCAL_HTTP=true (local development only) lets loopback http in. */
export const urlRules = (env: Bindings): WebhookUrlRules => ({
  allowLocalHttp: env.WEBHOOK_ALLOW_LOCAL_HTTP === "true",
});

/** The URL as it will be stored and fetched (normalised by the URL parser), or a 422 that says what is wrong. */
export function acceptedWebhookUrl(env: Bindings, url: string): string {
  const problem = webhookUrlProblem(url, urlRules(env));
  if (problem) throw validationFailed([{ path: "url", message: problem }]);
  return new URL(url).href;
}
