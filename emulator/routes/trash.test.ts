import { useEmulatorHttp } from "../testing";

const env = useEmulatorHttp({ seed: { assets: 60 } });
const { call } = env;

const allMedia = () => [...env.emulator.portal.media.values()];

describe("DELETE /api/v4/media/{id} and the trash", () => {
  it("answers 204, moves the asset to the trash, which lists it since dateRemoved", async () => {
    const media = allMedia()[7];
    const before = new Date(Date.now() - 2000).toISOString().replace(/\.\d+Z/, "Z");
    const response = await call("DELETE", `/api/v4/media/${media.id}/`);
    expect(response.status).toBe(204);
    expect(response.text).toBe("");
    expect(env.emulator.portal.media.has(media.id)).toBe(false);
    expect((await call("GET", `/api/v4/media/${media.id}`)).status).toBe(404);

    const trash = await call("GET", `/api/trash/media/?dateRemoved=${before}`);
    expect(trash.body).toEqual([
      expect.objectContaining({
        id: media.id,
        name: media.name,
        dateRemoved: expect.stringMatching(/\+00:00$/),
        username: expect.stringContaining("@"),
      }),
    ]);
    const later = new Date(Date.now() + 60_000).toISOString().replace(/\.\d+Z/, "Z");
    expect((await call("GET", `/api/trash/media?dateRemoved=${later}`)).body).toEqual([]);
    expect((await call("GET", "/api/trash/media?field=media.size")).status).toBe(400);
    const again = await call("DELETE", `/api/v4/media/${media.id}`);
    expect(again.status).toBe(404);
  });

  it("pages the trash (default 10) and sorts it by field and order", async () => {
    for (const m of allMedia().slice(10, 22)) {
      await call("DELETE", `/api/v4/media?id=${m.id}`); // the Java SDK's form
    }
    const first = await call("GET", "/api/trash/media");
    expect(first.body).toHaveLength(10);
    const second = await call("GET", "/api/trash/media?page=2");
    expect(second.body.length).toBeGreaterThanOrEqual(3);
    const byName = await call("GET", "/api/trash/media?field=media.name&order=asc&limit=100");
    const names = byName.body.map((d: { name: string }) => d.name.toLowerCase());
    expect([...names].sort()).toEqual(names);
  });
});
