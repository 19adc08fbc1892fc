/**
 * Metaproperty values on assets as v4 writes send them: one form field `metaproperty.<id>` per
 * metaproperty. Select, Select2 and Autocomplete take options: comma-separated option ids (Bynder's
 * upload reference says names and labels still work but "will be deprecated", so they are accepted
 * too). Text and Longtext take the value itself, commas included; Date an ISO 8601 date. An empty
 * value clears the metaproperty on the asset.
 */
import { v4Error, type EmulatorResponse, type Params } from "./http";
import type { Media, Metaproperty, Portal } from "./portal";
import { parseFilterDate } from "./util";

export const OPTION_TYPES: readonly string[] = ["select", "select2", "autocomplete"];

export interface MetapropertyWrite {
  mp: Metaproperty;
  /** Option types: the options the asset will have for this metaproperty. */
  optionIds?: string[];
  /** Value types: the value ("" clears it). */
  value?: string;
}

const keyPrefix = "metaproperty.";

export const metapropertyKeys = (form: Params) =>
  form.keys().filter((key) => key.startsWith(keyPrefix));

/** Every `metaproperty.<id>` field checked; the 400 Bynder answers for the first bad one. */
export const readMetapropertyFields = (
  portal: Portal,
  form: Params,
): MetapropertyWrite[] | EmulatorResponse => {
  const writes: MetapropertyWrite[] = [];
  for (const key of metapropertyKeys(form)) {
    const mpId = key.slice(keyPrefix.length);
    const mp = portal.metaproperties.find((p) => p.id.toLowerCase() === mpId.toLowerCase());
    if (!mp) return v4Error(400, `Metaproperty ${mpId} does not exist`);
    if (!OPTION_TYPES.includes(mp.type)) {
      const value = (form.getAll(key).at(-1) ?? "").trim();
      if (mp.type === "date" && value && parseFilterDate(value) === undefined) {
        return v4Error(400, `Date format not ISO8601-compliant for metaproperty ${mp.name}`);
      }
      writes.push({ mp, value });
      continue;
    }
    const optionIds: string[] = [];
    for (const wanted of form.list(key)) {
      const option =
        mp.options.find((o) => o.id.toLowerCase() === wanted.toLowerCase()) ??
        mp.options.find((o) => o.name === wanted || o.label === wanted);
      if (!option) {
        return v4Error(400, `Option ${wanted} does not belong to metaproperty ${mp.name}`);
      }
      if (!optionIds.includes(option.id)) optionIds.push(option.id);
    }
    if (!mp.isMultiselect && optionIds.length > 1) {
      return v4Error(400, `Metaproperty ${mp.name} takes a single option`);
    }
    writes.push({ mp, optionIds });
  }
  return writes;
};

/** Applies checked writes: a metaproperty's options replace its earlier ones, a value its value. */
export const applyMetapropertyWrites = (media: Media, writes: MetapropertyWrite[]) => {
  for (const { mp, optionIds, value } of writes) {
    if (optionIds) {
      const own = new Set(mp.options.map((o) => o.id));
      media.propertyOptions = [...media.propertyOptions.filter((id) => !own.has(id)), ...optionIds];
    } else {
      const values = { ...media.propertyValues };
      if (value) values[mp.id] = value;
      else delete values[mp.id];
      media.propertyValues = values;
    }
  }
};

/** `property_<name>: [value]` for the value metaproperties an asset has, as Bynder lists them. */
export const valueProperties = (portal: Portal, media: Media): Record<string, string[]> => {
  const properties: Record<string, string[]> = {};
  for (const [mpId, value] of Object.entries(media.propertyValues ?? {})) {
    const mp = portal.metaproperties.find((p) => p.id === mpId);
    if (mp) properties[`property_${mp.name}`] = [value];
  }
  return properties;
};

/** A deleted metaproperty's values leave every asset. */
export const forgetMetaproperty = (portal: Portal, mp: Metaproperty) => {
  const optionIds = new Set(mp.options.map((o) => o.id));
  for (const media of portal.media.values()) {
    const hadValue = media.propertyValues?.[mp.id] !== undefined;
    if (!hadValue && !media.propertyOptions.some((id) => optionIds.has(id))) continue;
    media.propertyOptions = media.propertyOptions.filter((id) => !optionIds.has(id));
    if (hadValue) {
      const values = { ...media.propertyValues };
      delete values[mp.id];
      media.propertyValues = values;
    }
    portal.touch(media);
  }
};
