import { h } from "./dom";
import type { View } from "./state";

/** A labelled text box for the comment or the reply, capped at the server's limit (contract: 4096 after NFC). */
export const TextBox = (view: View, field: "comment" | "draft", label: string, invalid?: boolean) => [
  <label for={field}>{label}</label>,
  <textarea
    id={field}
    maxLength={4096}
    aria-invalid={invalid}
    value={view[field]}
    onInput={(event) => view.change({ [field]: event.currentTarget.value })}
  />,
];
