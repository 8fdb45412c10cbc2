import { SEVERAL } from "../../schema/common";
import { addTally, emptyTally, type Tally } from "./metrics";

/** One answer of a closed period, with the attributes a release group may keep. */
export type ClosedAnswer = {
  id: string;
  kind: string;
  survey: string;
  service: string;
  topic: string;
  segment: Record<string, string>;
  score: number | null;
};

/** A release group's attributes: '' absent, SEVERAL generalised. */
export type GroupKey = {
  kind: string;
  survey: string;
  service: string;
  topic: string;
  segment: Record<string, string>;
};
export type ReleaseGroup = GroupKey & { ids: string[]; tally: Tally };
export type Release = { groups: ReleaseGroup[]; withheld: { kind: string; ids: string[] }[] };
/** A closed period of one site, as written: its groups and the answers it withholds. */
export type ClosedPeriod = {
  start: number;
  end: number;
  groups: ReleaseGroup[];
  withheld: { kind: string; ids: string[] }[];
};

type Attribute = { get: (key: GroupKey) => string; generalise: (key: GroupKey) => GroupKey };

/**
 * The attributes in the order they are given up: topic, the site's dimensions from last to first, the
 * service, the survey. The kind never is: a CSAT and an NPS answer never share a group.
 */
function generalisationOrder(dimensions: string[]): Attribute[] {
  return [
    { get: (k) => k.topic, generalise: (k) => ({ ...k, topic: SEVERAL }) },
    ...[...dimensions].reverse().map(
      (dimension): Attribute => ({
        get: (k) => k.segment[dimension] ?? "",
        generalise: (k) => ({ ...k, segment: { ...k.segment, [dimension]: SEVERAL } }),
      }),
    ),
    { get: (k) => k.service, generalise: (k) => ({ ...k, service: SEVERAL }) },
    { get: (k) => k.survey, generalise: (k) => ({ ...k, survey: SEVERAL }) },
  ];
}

const keyOf = (key: GroupKey, dimensions: string[]) =>
  JSON.stringify([key.kind, key.survey, key.service, key.topic, ...dimensions.map((d) => key.segment[d] ?? "")]);

/**
 * Splits one closed site-period into release groups of at least `minGroupSize` answers (README:
 * "Employees' anonymity"). Answers start in their finest group (kind, survey, service, topic and each
 * dimension's value); while a group is too small, its next attribute is generalised to "several" and it
 * merges with the other small groups that now share its key. Groups that reach the size stay as they
 * are. What is still too small once every attribute is generalised is withheld, per kind. The result
 * depends only on the answers' attributes, never on their order or time.
 */
export function formReleaseGroups(
  answers: ClosedAnswer[],
  options: { minGroupSize: number; dimensions: string[] },
): Release {
  const { minGroupSize, dimensions } = options;
  let small = new Map<string, { key: GroupKey; ids: string[]; answers: ClosedAnswer[] }>();
  for (const answer of answers) {
    // Dimensions the site no longer has are not kept: a group only names what the site still asks.
    const segment = Object.fromEntries(
      dimensions.filter((d) => answer.segment[d] !== undefined).map((d) => [d, answer.segment[d]!]),
    );
    const key: GroupKey = {
      kind: answer.kind,
      survey: answer.survey,
      service: answer.service,
      topic: answer.topic,
      segment,
    };
    const id = keyOf(key, dimensions);
    const group = small.get(id) ?? { key, ids: [], answers: [] };
    group.ids.push(answer.id);
    group.answers.push(answer);
    small.set(id, group);
  }
  const released: ReleaseGroup[] = [];
  const keep = () => {
    for (const [id, group] of small) {
      if (group.ids.length < minGroupSize) continue;
      released.push({ ...group.key, ids: group.ids, tally: tallyOf(group.answers) });
      small.delete(id);
    }
  };
  keep();
  for (const attribute of generalisationOrder(dimensions)) {
    const merged = new Map<string, { key: GroupKey; ids: string[]; answers: ClosedAnswer[] }>();
    for (const group of small.values()) {
      const key = attribute.get(group.key) === SEVERAL ? group.key : attribute.generalise(group.key);
      const id = keyOf(key, dimensions);
      const into = merged.get(id) ?? { key, ids: [], answers: [] };
      into.ids.push(...group.ids);
      into.answers.push(...group.answers);
      merged.set(id, into);
    }
    small = merged;
    keep();
  }
  const withheld = [...small.values()].map((group) => ({ kind: group.key.kind, ids: group.ids }));
  released.sort((a, b) => (keyOf(a, dimensions) < keyOf(b, dimensions) ? -1 : 1));
  return { groups: released, withheld };
}

function tallyOf(answers: ClosedAnswer[]): Tally {
  const tally = emptyTally();
  for (const answer of answers) {
    const one = emptyTally();
    one.n = 1;
    if (answer.score !== null) one.scores[answer.score] = 1;
    addTally(tally, one);
  }
  return tally;
}

/** One row of `release_rollups`: a sum of whole groups of one site-period under one attribute. */
export type ReleaseRollupKey = { dim: string; survey: string; service: string; value: string };

/**
 * The release-rollup rows a group counts in: the site's (no survey or service), its service's, its
 * survey and service's, and two per attribute (topic and each dimension, '' when absent): with its
 * survey and service, and alone. An aggregate of employees' answers then reads one row per period and
 * key instead of every group.
 */
export function releaseRollupKeys(group: GroupKey, dimensions: string[]): ReleaseRollupKey[] {
  const { survey, service } = group;
  return [
    { dim: "site", survey: "", service: "", value: "" },
    { dim: "service", survey: "", service, value: "" },
    { dim: "", survey, service, value: "" },
    ...[
      ["topic", group.topic] as const,
      ...dimensions.map((dimension) => [`segment.${dimension}`, group.segment[dimension] ?? ""] as const),
    ].flatMap(([dim, value]) => [
      { dim, survey, service, value },
      // The attribute alone (`~` prefix), for the common breakdown that names no survey or service.
      { dim: `~${dim}`, survey: "", service: "", value },
    ]),
  ];
}
