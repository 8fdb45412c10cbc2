import type { ViewProps } from "../main";
import { strings } from "../strings";

export function Services(_props: ViewProps) {
  return <h1>{strings.nav.services}</h1>;
}
