// A Preact app using @feedloop/widget as the README shows. Compiled by `npm run typecheck`; never run.
import { load, mount, type FeedloopApi } from "@feedloop/widget";
import type {} from "@feedloop/widget/preact";

export async function start(): Promise<FeedloopApi> {
  await load("https://feedback.example.com");
  const widget = await mount({
    base: "https://feedback.example.com",
    site: "demo-shop",
    survey: "nps",
    theme: "dark",
    segment: { plan: "pro" },
    strings: { button: "Tell us" },
  });
  widget.setSegment({ plan: "team" });
  return widget;
}

// @ts-expect-error: `survey` is required
mount({ base: "https://feedback.example.com", site: "demo-shop" });
// @ts-expect-error: no such position
mount({ base: "https://feedback.example.com", site: "demo-shop", survey: "nps", position: "top" });

export const element: HTMLElement = document.createElement("feedloop-widget");

export function Feedback() {
  return (
    <div class="feedback">
      <feedloop-widget
        site="demo-intranet"
        survey="helpdesk"
        respondent-token="eyJzdWIiOi"
        segment-team="sales"
        text-thumbs-up="Yes"
        theme="light"
        id="feedback"
      />
      {/* @ts-expect-error: `site` and `survey` are required */}
      <feedloop-widget theme="dark" />
      {/* @ts-expect-error: no such theme */}
      <feedloop-widget site="demo-shop" survey="nps" theme="blue" />
      {/* @ts-expect-error: a UI string is a string */}
      <feedloop-widget site="demo-shop" survey="nps" text-button={3} />
    </div>
  );
}
