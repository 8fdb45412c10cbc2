import type { ViewProps } from "../main";
import { strings } from "../strings";

export function Breakdowns(_props: ViewProps) {
  return <h1>{strings.nav.breakdowns}</h1>;
}
