/** build.mjs turns `styles.css` into a module exporting the minified stylesheet as a string. */
declare module "*.css" {
  const css: string;
  export default css;
}

/** Set by build.mjs: true in dist/turnstile.js's copy of queue.ts, false in the widget's. */
declare const TURNSTILE: boolean;
