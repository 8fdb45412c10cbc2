import type { ViewProps } from "../main";
import { strings } from "../strings";

export function Inbox(_props: ViewProps) {
  return <h1>{strings.nav.inbox}</h1>;
}
