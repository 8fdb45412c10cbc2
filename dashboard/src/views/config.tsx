import type { ViewProps } from "../main";
import { strings } from "../strings";

export function Config(_props: ViewProps) {
  return <h1>{strings.nav.config}</h1>;
}
