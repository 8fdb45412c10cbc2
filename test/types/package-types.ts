// The package's types are written by hand (its .d.ts must not import the Worker's schema or zod): these lines
// fail to compile the day they stop matching the widget's own.
import type {
  FeedloopApi as PackageApi,
  MountOptions as PackageOptions,
  UiStrings as PackageStrings,
} from "@feedloop/widget";
import type { FeedloopWidgetAttributes } from "@feedloop/widget";
import type { UiStrings } from "../../schema/widget.ts";
import type { WidgetOptions } from "../../widget/src/options.ts";
import type { FeedloopApi, MountOptions } from "../../widget/src/module.ts";

/** Each key the same, optional or not the same, each value's type the same (intersections flattened). */
type Flat<T> = { [Key in keyof T]: T[Key] };
type Same<A, B> = (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

true satisfies Same<PackageApi, FeedloopApi>;
true satisfies Same<PackageStrings, UiStrings>;
// The package's mount() needs the Worker's origin; widget.mjs's defaults it to where it was loaded from.
true satisfies Same<Omit<PackageOptions, "base">, Omit<MountOptions, "base">>;
true satisfies Same<Pick<PackageOptions, "base">, Required<Pick<MountOptions, "base">>>;

/** The element's named attributes are the options it reads (options.ts), minus `base`, `host` and `target`. */
type Named<T> = keyof {
  [Key in keyof T as string extends Key ? never : Key extends `${string}-${string}` ? never : Key]: 1;
};
true satisfies SameNames<
  Named<FeedloopWidgetAttributes> | "respondentToken" | "autoPrompt",
  Exclude<keyof WidgetOptions, "base" | "host" | "target" | "segment" | "strings">
>;
