import type { ViewProps } from "../main";
import { strings } from "../strings";

export function Overview(_props: ViewProps) {
  return <h1>{strings.nav.overview}</h1>;
}
