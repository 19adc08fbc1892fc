import { useEmulatorHttp } from "../testing";
import { CF_ID } from "../util";

const env = useEmulatorHttp({ seed: { assets: 60 } });
const { call } = env;

const allMedia = () => [...env.emulator.portal.media.values()];

describe("tags", () => {
  it("lists tags with media counts, ordered, filtered and paged", async () => {
    const { body } = await call("GET", "/api/v4/tags/?limit=1000");
    const counts = new Map<string, number>();
    for (const m of allMedia()) for (const t of m.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const tag of body) {
      expect(tag.id).toMatch(CF_ID);
      expect(tag.mediaCount).toBe(counts.get(tag.tag) ?? 0);
    }
    const names = body.map((t: { tag: string }) => t.tag.toLowerCase());
    expect([...names].sort()).toEqual(names);
    const byCount = await call("GET", "/api/v4/tags?orderBy=mediaCount%20desc&limit=3");
    expect(byCount.body).toHaveLength(3);
    expect(byCount.body[0].mediaCount).toBeGreaterThanOrEqual(byCount.body[1].mediaCount);
    const min = await call("GET", "/api/v4/tags?mincount=1000");
    expect(min.body).toEqual([]);
    expect((await call("GET", "/api/v4/tags?orderBy=popularity")).status).toBe(400);
  });

  it("adds a tag to assets with data=<JSON ids> and removes it with deleteIds", async () => {
    const tag = [...env.emulator.portal.tags.values()].find((t) => t.tag === "holland")!;
    const targets = allMedia()
      .filter((m) => !m.tags.includes("holland"))
      .slice(0, 2);
    const added = await call("POST", `/api/v4/tags/${tag.id}/media/`, {
      form: { data: JSON.stringify(targets.map((m) => m.id)) },
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ message: "Created", statuscode: 201 });
    for (const m of targets) expect(m.tags).toContain("holland");

    const removed = await call(
      "DELETE",
      `/api/v4/tags/${tag.id}/media/?deleteIds=${targets.map((m) => m.id).join(",")}`,
    );
    expect(removed.status).toBe(204);
    for (const m of targets) expect(m.tags).not.toContain("holland");

    const unknownTag = await call(
      "POST",
      "/api/v4/tags/00000000-0000-0000-0000000000000000/media",
      { form: { data: JSON.stringify([targets[0].id]) } },
    );
    expect(unknownTag.status).toBe(404);
    for (const data of [
      "",
      "not json",
      "[]",
      JSON.stringify(["00000000-0000-0000-0000000000000000"]),
    ]) {
      expect((await call("POST", `/api/v4/tags/${tag.id}/media`, { form: { data } })).status).toBe(
        400,
      );
    }
    expect((await call("DELETE", `/api/v4/tags/${tag.id}/media`)).status).toBe(400);
  });
});
