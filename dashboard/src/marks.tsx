import { SEVERAL } from "./api";
import { strings } from "./strings";

/**
 * The marks of a release (README: "Employees' anonymity"): a figure some of whose employees' answers
 * were withheld, and a group attribute that was generalised ("several"). Each is a word, not only a
 * style, so it reads the same to a screen reader; the notes under a panel say what the words mean.
 */
export function WithheldMark() {
  return <span class="mark withheld-tag">{strings.release.withheld}</span>;
}

/** A release group's value: the value itself, or "several" when the group spans several values. */
export function GroupValue({ value, name = (v) => v }: { value: string; name?: (value: string) => string }) {
  return value === SEVERAL ? <span class="several">{strings.release.several}</span> : name(value);
}

/** What the marks on screen mean; only those that appear are explained. */
export function ReleaseNotes({
  withheld,
  several,
  minGroupSize,
}: {
  withheld: boolean;
  several: boolean;
  minGroupSize: number | null;
}) {
  return (
    <>
      {minGroupSize !== null && <p class="note">{strings.release.periodsNote(minGroupSize)}</p>}
      {several && <p class="note">{strings.release.severalNote(minGroupSize ?? 3)}</p>}
      {withheld && <p class="note">{strings.release.withheldNote}</p>}
    </>
  );
}
