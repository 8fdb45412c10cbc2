/** The part of autocannon 9's programmatic API that bench:load uses (the package ships no types). */
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  export type Request = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  };

  export type RequestSpec<Context> = Request & {
    /** Called before each request is sent; returns the request to send. */
    setupRequest?: (request: Request, context: Context) => Request;
    /** Called with each answer, and the same context its request was set up with (pipelining 1). */
    onResponse?: (status: number, body: string, context: Context, headers: Record<string, string | string[]>) => void;
  };

  export type Options<Context = Record<string, unknown>> = Request & {
    url: string;
    connections?: number;
    amount?: number;
    duration?: number;
    /** Seconds. */
    timeout?: number;
    pipelining?: number;
    requests?: RequestSpec<Context>[];
    initialContext?: Context;
  };

  export type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
    p99_9: number;
  };

  export type Result = {
    /** Seconds, to 10 ms. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    statusCodeStats: Record<string, { count: number }>;
    /** Of 2xx answers only, in ms. */
    latency: Histogram;
    /** Per-second samples; `total` is every answer, `sent` every request sent. */
    requests: Histogram & { sent: number };
  };

  export type Instance = EventEmitter & { stop(): void };

  function autocannon<Context>(
    options: Options<Context>,
    done: (error: Error | null, result: Result) => void,
  ): Instance;
  export default autocannon;
}
