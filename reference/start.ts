/**
 * Starts Swagger UI on /openapi.json. A file of its own, not an inline script: /docs has the same CSP as
 * /admin (script-src 'self', no inline script or style). swagger-ui-bundle.js, loaded before this one
 * (both `defer`, so in order), defines SwaggerUIBundle.
 */
type SwaggerUiOptions = {
  url: string;
  dom_id: string;
  deepLinking: boolean;
  layout: "BaseLayout";
  /** No badge from validator.swagger.io, a request outside this Worker, whichever layout is chosen. */
  validatorUrl: null;
  tryItOutEnabled: boolean;
  persistAuthorization: boolean;
  displayRequestDuration: boolean;
};

declare global {
  interface Window {
    SwaggerUIBundle?: (options: SwaggerUiOptions) => unknown;
  }
}

if (!window.SwaggerUIBundle) throw new Error("feedloop docs: swagger-ui-bundle.js did not load");

window.SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#reference",
  deepLinking: true,
  layout: "BaseLayout",
  validatorUrl: null,
  tryItOutEnabled: false,
  // Swagger UI would keep the token in localStorage. An admin token must not outlive the tab (the dashboard
  // keeps its key in sessionStorage only), so Authorize asks for it again on each visit.
  persistAuthorization: false,
  displayRequestDuration: true,
});

export {};
