/** build.mjs turns `styles.css` into a module exporting the minified stylesheet as a string. */
declare module "*.css" {
  const css: string;
  export default css;
}
