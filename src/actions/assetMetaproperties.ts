/**
 * Set Asset Metaproperty Values: metaproperties named by ID or name, values as text, dates or
 * option names, resolved against the portal's metaproperties and written in one request.
 */
import { bynderDate, InputError, path, type Fields } from "../client";
import {
  metaproperties as metapropertiesExample,
  setAssetMetaproperties as example,
} from "../examplePayloads/metaproperties";
import { optionalDate, quoted } from "../inputs/clean";
import { connection } from "../inputs/common";
import {
  metapropertyValues,
  OPTION_TYPES,
  VALUES_LABEL,
  type MetapropertyValue,
} from "../inputs/metapropertyManagement";
import { assetIdInput } from "../inputs/assets";
import { bynderAction } from "./bynderAction";

type Metaproperty = (typeof metapropertiesExample)[string];
type Option = Metaproperty["options"][number];
export type ResolvedValue = (typeof example.values)[number];

const CF_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{16}$/i;
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * By ID, by exact name, then by name or label in any case when only one matches. Bynder's own
 * `property_<name>` keys are case-sensitive, so an exact name always wins.
 */
const pick = <T extends { id: string; name: string; label?: string }>(
  items: T[],
  ref: string,
): T | undefined => {
  const exact = items.find((item) => same(item.id, ref)) ?? items.find((item) => item.name === ref);
  if (exact) return exact;
  const loose = items.filter(
    (item) => same(item.name, ref) || (item.label !== undefined && same(item.label, ref)),
  );
  return loose.length === 1 ? loose[0] : undefined;
};

const takesOptions = (mp: Metaproperty) =>
  OPTION_TYPES.includes(mp.type) ||
  (!["text", "longtext", "date", "number"].includes(mp.type) && (mp.options?.length ?? 0) > 0);

/** The form fields and a summary per metaproperty; every problem found is listed in one error. */
export const resolveValues = (
  portal: Metaproperty[],
  pairs: MetapropertyValue[],
): { fields: Fields; values: ResolvedValue[] } => {
  const problems: string[] = [];
  const byId = new Map<string, ResolvedValue>();
  for (const { metaproperty: ref, value } of pairs) {
    const mp = pick(portal, ref);
    if (!mp) {
      problems.push(`no metaproperty "${ref}" (by ID or name)`);
      continue;
    }
    const earlier = byId.get(mp.id);
    if (takesOptions(mp)) {
      const options: Option[] = earlier
        ? earlier.optionIds.map((id) => mp.options.find((o) => o.id === id)!)
        : [];
      for (const token of value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean)) {
        const option = pick(mp.options ?? [], token);
        if (!option) problems.push(`metaproperty "${mp.name}" has no option "${token}"`);
        else if (!options.includes(option)) options.push(option);
      }
      if (options.length > 1 && !mp.isMultiselect) {
        problems.push(`metaproperty "${mp.name}" takes one option; got ${options.length}`);
      }
      byId.set(mp.id, {
        metapropertyId: mp.id,
        name: mp.name,
        type: mp.type,
        value: options.map((o) => o.id).join(","),
        optionIds: options.map((o) => o.id),
        optionNames: options.map((o) => o.name),
      });
      continue;
    }
    if (earlier) {
      problems.push(`metaproperty "${mp.name}" is given twice; it takes one ${mp.type} value`);
      continue;
    }
    let text = value;
    try {
      if (mp.type === "date" && value) text = bynderDate(optionalDate(mp.name)(value)!);
      if (mp.type === "number" && value && !Number.isFinite(Number(value))) {
        throw new InputError(`${mp.name} must be a number; got ${quoted(value)}.`);
      }
    } catch (error) {
      problems.push((error as Error).message.replace(/\.$/, ""));
      continue;
    }
    byId.set(mp.id, {
      metapropertyId: mp.id,
      name: mp.name,
      type: mp.type,
      value: text,
      optionIds: [],
      optionNames: [],
    });
  }
  if (problems.length) {
    throw new InputError(`${VALUES_LABEL}: ${problems.join("; ")}. Nothing was changed.`);
  }
  const values = [...byId.values()];
  const fields = Object.fromEntries(
    values.map((v) => [`metaproperty.${v.metapropertyId}`, v.value]),
  );
  return { fields, values };
};

export const setAssetMetaproperties = bynderAction({
  display: {
    label: "Set Asset Metaproperty Values",
    description:
      "Set metaproperty values on an asset: text, dates, or options by name or ID, for metaproperties named by ID or name. Everything is checked before one write.",
  },
  inputs: { assetId: assetIdInput, values: metapropertyValues, connection },
  performSafety: "notAllowed",
  examplePayload: { data: example },
  run: async (bynder, { assetId, values }) => {
    // Only ids given: ask for those metaproperties alone (any name needs the full list).
    const ids = values.every((v) => CF_ID.test(v.metaproperty))
      ? [...new Set(values.map((v) => v.metaproperty.toUpperCase()))]
      : undefined;
    const listed = await bynder.get<Record<string, Metaproperty>>(path`/api/v4/metaproperties/`, {
      options: true,
      ids,
    });
    const resolved = resolveValues(Object.values(listed ?? {}), values);
    const answer = await bynder.postForm<{ message: string; statuscode: number }>(
      path`/api/v4/media/${assetId}/`,
      resolved.fields,
    );
    return { ...answer, assetId, values: resolved.values };
  },
});

export const assetMetapropertyActions = { setAssetMetaproperties };
