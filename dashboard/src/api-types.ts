import type { InferRequestType, InferResponseType } from "hono/client";
import type { client } from "./api";

/**
 * The API's shapes as the typed client infers them from the routes' declarations (the zod schemas in
 * schema/, through `AppType`). None is written out here: a changed response schema fails `tsc -p dashboard`
 * wherever the dashboard reads what changed.
 */
type Ok<Call> = InferResponseType<Call, 200>;

export type CurrentKey = Ok<typeof client.v1.keys.current.$get>;

export type Site = Ok<typeof client.v1.sites.$get>["items"][number];
export type ReportingPeriod = Site["reportingPeriod"];
export type Service = Ok<typeof client.v1.services.$get>["items"][number];
export type Survey = Ok<(typeof client.v1.sites)[":site"]["surveys"]["$get"]>["items"][number];
export type Kind = Survey["kind"];
/** What a site's form sends: a PUT replaces the whole site. */
export type SiteInput = InferRequestType<(typeof client.v1.sites)[":site"]["$put"]>["json"];

export type Aggregate = Ok<typeof client.v1.aggregates.$get>;
export type AggregatesQuery = InferRequestType<typeof client.v1.aggregates.$get>["query"];
/** One figure: the total, a group or a series point. */
export type Cell = Aggregate["total"];
export type Point = NonNullable<Aggregate["series"]>[number];
export type Group = NonNullable<Aggregate["groups"]>[number];

export type InboxItem = Ok<typeof client.v1.responses.$get>["items"][number];
export type InboxQuery = InferRequestType<typeof client.v1.responses.$get>["query"];
export type InboxThread = Ok<(typeof client.v1.responses)[":id"]["$get"]>;
export type Reply = InboxThread["thread"][number];
export type Status = InboxItem["status"];
/** A closed reporting period, which an employee's answer carries instead of a time. */
export type Period = NonNullable<InboxItem["period"]>;
/** When a survey asks by itself (schema/prompt.ts, issue 14): its triggers, targeting, sample and display limit. */
export type PromptSettings = NonNullable<Survey["prompt"]>;
export type Trigger = PromptSettings["triggers"][number];
export type SegmentRule = PromptSettings["segment"][number];

/** What a team did about a service, and what followed (issue 15 item 3). */
type ServiceActions = (typeof client.v1.services)[":service"]["actions"];
export type Action = Ok<ServiceActions["$get"]>["items"][number];
export type ActionInput = InferRequestType<ServiceActions[":id"]["$put"]>["json"];
export type ActionWithEffect = Ok<ServiceActions[":id"]["$get"]>;
/** One audience and kind's before (`a`) and after (`b`), with the difference and its interval. */
export type ActionComparison = ActionWithEffect["effect"]["comparisons"][number];
