/**
 * The link to a service's page, keeping the query the caller's view has (its filters
 * come back with it when the reader returns).
 */
export function serviceHref(service: string): string {
  const params = new URLSearchParams(location.hash.split("?")[1] ?? "");
  params.set("service", service);
  return `#/service?${params}`;
}
