/** @jsxImportSource react */
// A React app typing <feedloop-widget> with @feedloop/widget/react. Compiled by `npm run typecheck`; never run.
import { useEffect } from "react";
import { load } from "@feedloop/widget";
import type {} from "@feedloop/widget/react";

export function Feedback() {
  useEffect(() => void load("https://feedback.example.com"), []);
  return (
    <>
      <feedloop-widget site="demo-shop" survey="nps" segment-plan="pro" className="feedback" />
      {/* @ts-expect-error: `survey` is required */}
      <feedloop-widget site="demo-shop" />
    </>
  );
}
