/** Tags (asset bank v4): list them, and add or remove one on assets. */
import {
  definedFields,
  InputError,
  lists,
  path,
  readAll,
  withQuery,
  type BynderClient,
  type V4Message,
} from "../client";
import { tagList, v4Created } from "../examplePayloads/assets";
import { assetIds } from "../inputs/assets";
import { minCount, tag, tagKeyword, tagOrderBy, tagsLimit } from "../inputs/tags";
import { connection, fetchAll, page } from "../inputs/common";
import { bynderAction } from "./bynderAction";
// --- Tags -------------------------------------------------------------------------------------

interface TagRecord {
  id: string;
  tag: string;
  mediaCount: number;
}

export const listTags = bynderAction({
  display: {
    label: "List Tags",
    description: "Retrieve tags with the number of assets that carry each (id, tag, mediaCount)",
  },
  inputs: {
    keyword: tagKeyword,
    orderBy: tagOrderBy,
    mincount: minCount,
    fetchAll,
    limit: tagsLimit,
    page,
    connection,
  },
  performSafety: "safe",
  examplePayload: { data: tagList },
  run: (bynder, { keyword, orderBy, mincount, fetchAll, limit, page }) => {
    const query = definedFields({ keyword, orderBy, mincount });
    if (!fetchAll) {
      return bynder.get<TagRecord[]>(path`/api/v4/tags/`, {
        ...query,
        ...definedFields({ limit, page }),
      });
    }
    return readAll<TagRecord>(bynder, withQuery(lists.tags, query));
  },
});

/** The tag's id: given, or looked up by name (exact, ignoring case). */
const tagIdOf = async (bynder: BynderClient, tag: { id: string } | { name: string }) => {
  if ("id" in tag) return tag.id;
  const wanted = tag.name.toLowerCase();
  const candidates = await readAll<TagRecord>(
    bynder,
    withQuery(lists.tags, { keyword: tag.name }),
    {
      maxPages: 10,
    },
  );
  const found = candidates.find((t) => t.tag.toLowerCase() === wanted);
  if (!found) {
    throw new InputError(
      `Tag: Bynder has no tag named "${tag.name}". Give an existing tag (or its id); to give assets a new tag, use Update Asset with tags in Data.`,
    );
  }
  return found.id;
};

export const addTagToAssets = bynderAction({
  display: { label: "Add Tag To Assets", description: "Give assets a tag (by tag id or name)" },
  inputs: { tag, assetIds, connection },
  performSafety: "notAllowed",
  examplePayload: { data: v4Created },
  run: async (bynder, { tag, assetIds }) => {
    const tagId = await tagIdOf(bynder, tag);
    return bynder.postForm<V4Message>(path`/api/v4/tags/${tagId}/media/`, {
      data: JSON.stringify(assetIds),
    });
  },
});

export const removeTagFromAssets = bynderAction({
  display: {
    label: "Remove Tag From Assets",
    description: "Take a tag (by tag id or name) off assets",
  },
  inputs: { tag, assetIds, connection },
  performSafety: "notAllowed",
  examplePayload: { data: "" },
  run: async (bynder, { tag, assetIds }) => {
    const tagId = await tagIdOf(bynder, tag);
    return bynder.delete<string>(path`/api/v4/tags/${tagId}/media/`, { deleteIds: assetIds });
  },
});

export const tagActions = {
  listTags,
  addTagToAssets,
  removeTagFromAssets,
};
