import { useEmulatorHttp } from "../testing";
import { CF_ID } from "../util";

const env = useEmulatorHttp();
const { call } = env;

const users = () => [...env.emulator.portal.users.values()];
const profiles = () => env.emulator.portal.profiles;
const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

const newUserForm = (suffix: string) => ({
  email: `new.${suffix}@example.com`,
  password: "S3cret!pass",
  profileId: profiles()[2].id,
  firstname: "New",
  lastname: `User ${suffix}`,
});

describe("GET /api/v4/users", () => {
  it("lists active users as small records with 0/1 active and X-Pagination headers", async () => {
    const res = await call("GET", "/api/v4/users/");
    expect(res.status).toBe(200);
    const body = res.body as Record<string, unknown>[];
    const active = users().filter((u) => u.active);
    expect(body).toHaveLength(active.length);
    expect(body[0]).toEqual({
      id: active[0].id,
      name: `${active[0].firstname} ${active[0].lastname}`,
      username: active[0].username,
      email: active[0].email,
      email2: "",
      active: 1,
      isSSOOnly: false,
      profileId: active[0].profileId,
      salesrepId: "",
      employeeNumber: "",
      timeZone: active[0].timeZone,
      website: "",
      country: "",
      groups: active[0].groups,
    });
    expect(body[0]).not.toHaveProperty("password");
    expect(res.headers.get("x-pagination-totalrecords")).toBe(String(active.length));
    expect(res.headers.get("x-pagination-totalpages")).toBe("1");
    expect(res.headers.get("x-pagination-page")).toBe("1");
  });

  it("includes inactive users with includeInActive (1/true) and pages with limit/page", async () => {
    const all = users();
    for (const flag of ["1", "true", "True"]) {
      const body = (await call("GET", `/api/v4/users?includeInActive=${flag}`)).body as {
        active: number;
      }[];
      expect(body).toHaveLength(all.length);
      expect(body.some((u) => u.active === 0)).toBe(true);
    }
    const res = await call("GET", "/api/v4/users?includeInActive=true&limit=3&page=2");
    const page = res.body as { id: string }[];
    expect(page.map((u) => u.id)).toEqual(all.slice(3, 6).map((u) => u.id));
    expect(res.headers.get("x-pagination-totalrecords")).toBe(String(all.length));
    expect(res.headers.get("x-pagination-totalpages")).toBe(String(Math.ceil(all.length / 3)));
    expect(res.headers.get("x-pagination-page")).toBe("2");
    expect(res.headers.get("x-pagination-limit")).toBe("3");
  });

  it("400s on bad paging or booleans; needs admin.user:read", async () => {
    for (const query of ["limit=0", "page=-1", "limit=x", "includeInActive=sometimes"]) {
      expect((await call("GET", `/api/v4/users?${query}`)).status).toBe(400);
    }
    expect(
      (
        await call("GET", "/api/v4/users", {
          token: env.emulator.issueToken(["current.user:read"]),
        })
      ).status,
    ).toBe(403);
    expect((await call("GET", "/api/v4/users", { token: "bad" })).status).toBe(401);
  });
});

describe("GET /api/v4/users/:id and /api/v4/currentUser", () => {
  it("returns the full user by id or by username, active true/false, lastLogin in ISO Z", async () => {
    const user = users()[1];
    const byId = (await call("GET", `/api/v4/users/${user.id}/`)).body as Record<string, unknown>;
    expect(byId).toMatchObject({
      id: user.id,
      username: user.username,
      email: user.email,
      firstname: user.firstname,
      lastname: user.lastname,
      profileId: user.profileId,
      active: true,
      isSSOOnly: false,
      groups: user.groups,
      department: user.department,
      persisted: true,
    });
    expect(byId.lastLogin).toMatch(ISO_Z);
    expect(byId).not.toHaveProperty("password");
    const byName = (
      await call("GET", `/api/v4/users/${encodeURIComponent(user.username.toUpperCase())}`)
    ).body;
    expect(byName).toEqual(byId);
    const inactive = users().find((u) => !u.active)!;
    expect((await call("GET", `/api/v4/users/${inactive.id}`)).body).toMatchObject({
      active: false,
    });
    const missing = await call("GET", "/api/v4/users/nobody@example.com");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: "User not found", statuscode: 404 });
  });

  it("currentUser is the token's user and needs current.user:read", async () => {
    const other = users()[2];
    const otherToken = env.emulator.issueToken(["current.user:read"]);
    env.emulator.tokens.get(otherToken)!.userId = other.id;
    const res = await call("GET", "/api/v4/currentUser/", { token: otherToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: other.id,
      username: other.username,
      active: true,
    });
    const mine = (await call("GET", "/api/v4/currentUser")).body as { id: string };
    expect(mine.id).toBe(env.emulator.portal.defaultUserId());
    expect(
      (
        await call("GET", "/api/v4/currentUser", {
          token: env.emulator.issueToken(["admin.user:read"]),
        })
      ).status,
    ).toBe(403);
  });
});

describe("POST /api/v4/users", () => {
  it("creates a user (201 {id, username}); username defaults to the email", async () => {
    const form = { ...newUserForm("a"), department: "Legal", active: "0", infix: "van" };
    const res = await call("POST", "/api/v4/users/", { form });
    expect(res.status).toBe(201);
    const body = res.body as { id: string; username: string };
    expect(Object.keys(body).sort()).toEqual(["id", "username"]);
    expect(body.id).toMatch(CF_ID);
    expect(body.username).toBe(form.email);
    const stored = env.emulator.portal.users.get(body.id)!;
    expect(stored).toMatchObject({
      email: form.email,
      firstname: "New",
      lastname: "User a",
      profileId: form.profileId,
      department: "Legal",
      active: false,
      password: form.password,
    });
    const got = (await call("GET", `/api/v4/users/${body.id}`)).body as Record<string, unknown>;
    expect(got).toMatchObject({ infix: "van", active: false, lastLogin: null });
  });

  it("takes an explicit username, 400s on a duplicate one", async () => {
    const form = { ...newUserForm("b"), username: "bee" };
    const res = await call("POST", "/api/v4/users", { form });
    expect(res.status).toBe(201);
    expect((res.body as { username: string }).username).toBe("bee");
    const again = await call("POST", "/api/v4/users", {
      form: { ...newUserForm("c"), username: "BEE" },
    });
    expect(again.status).toBe(400);
    expect((again.body as { message: string }).message).toMatch(/already exists/);
  });

  it("400s on missing required fields, an unknown profile or a bad email; 415 on JSON", async () => {
    const before = env.emulator.portal.users.size;
    for (const field of ["email", "password", "profileId", "firstname", "lastname"] as const) {
      const form: Record<string, string> = newUserForm(`m-${field}`);
      delete form[field];
      const res = await call("POST", "/api/v4/users", { form });
      expect(res.status).toBe(400);
      expect((res.body as { message: string }).message).toContain(field);
    }
    expect(
      (
        await call("POST", "/api/v4/users", {
          form: { ...newUserForm("p"), profileId: "NOT-A-PROFILE" },
        })
      ).status,
    ).toBe(400);
    expect(
      (await call("POST", "/api/v4/users", { form: { ...newUserForm("e"), email: "nope" } }))
        .status,
    ).toBe(400);
    expect(
      (await call("POST", "/api/v4/users", { form: { ...newUserForm("g"), groupIds: "NOPE" } }))
        .status,
    ).toBe(400);
    const jsonBody = await call("POST", "/api/v4/users", {
      body: JSON.stringify(newUserForm("j")),
      headers: { "Content-Type": "application/json" },
    });
    expect(jsonBody.status).toBe(415);
    expect(env.emulator.portal.users.size).toBe(before);
    expect(
      (
        await call("POST", "/api/v4/users", {
          form: newUserForm("s"),
          token: env.emulator.issueToken(["admin.user:read"]),
        })
      ).status,
    ).toBe(403);
  });
});

describe("POST /api/v4/users/:id and DELETE", () => {
  it("modifies fields that are sent (202 {id, username}) and keeps the rest", async () => {
    const created = (await call("POST", "/api/v4/users", { form: newUserForm("u") })).body as {
      id: string;
    };
    const group = users()[0].groups[0];
    const res = await call("POST", `/api/v4/users/${created.id}/`, {
      form: {
        job: "Editor",
        username: "editor.u",
        profileId: profiles()[1].id,
        groupIds: group.id,
        active: "false",
      },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: created.id, username: "editor.u" });
    expect(env.emulator.portal.users.get(created.id)).toMatchObject({
      job: "Editor",
      username: "editor.u",
      email: "new.u@example.com",
      profileId: profiles()[1].id,
      groups: [group],
      active: false,
      firstname: "New",
    });
  });

  it("400s on a blank required field or a taken username; 404 for an unknown user", async () => {
    const [first, second] = users();
    expect((await call("POST", `/api/v4/users/${first.id}`, { form: { email: "" } })).status).toBe(
      400,
    );
    expect(
      (await call("POST", `/api/v4/users/${first.id}`, { form: { username: second.username } }))
        .status,
    ).toBe(400);
    const missing = await call("POST", "/api/v4/users/00000000-0000-0000-0000000000000000", {
      form: { job: "x" },
    });
    expect(missing.status).toBe(404);
    expect(first.email).not.toBe("");
  });

  it("deletes by id or username (204), then 404", async () => {
    const a = (await call("POST", "/api/v4/users", { form: newUserForm("d1") })).body as {
      id: string;
    };
    const b = (await call("POST", "/api/v4/users", { form: newUserForm("d2") })).body as {
      username: string;
    };
    const res = await call("DELETE", `/api/v4/users/${a.id}/`);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect(env.emulator.portal.users.has(a.id)).toBe(false);
    expect((await call("DELETE", `/api/v4/users/${encodeURIComponent(b.username)}`)).status).toBe(
      204,
    );
    expect((await call("DELETE", `/api/v4/users/${a.id}`)).status).toBe(404);
  });
});

describe("security profiles", () => {
  it("lists profiles as {id, name, roles}", async () => {
    const res = await call("GET", "/api/v4/profiles/");
    expect(res.status).toBe(200);
    expect(res.body).toEqual(profiles().map((p) => ({ id: p.id, name: p.name, roles: p.roles })));
    expect(
      (
        await call("GET", "/api/v4/profiles", {
          token: env.emulator.issueToken(["current.profile:read"]),
        })
      ).status,
    ).toBe(403);
  });

  it("gets one profile; current.profile:read reads only the user's own; 404 for unknown", async () => {
    const profile = profiles()[3];
    expect((await call("GET", `/api/v4/profiles/${profile.id}/`)).body).toEqual({
      id: profile.id,
      name: profile.name,
      roles: profile.roles,
    });
    const own = env.emulator.portal.users.get(env.emulator.portal.defaultUserId())!.profileId;
    const limited = env.emulator.issueToken(["current.profile:read"]);
    expect((await call("GET", `/api/v4/profiles/${own}`, { token: limited })).status).toBe(200);
    expect((await call("GET", `/api/v4/profiles/${profile.id}`, { token: limited })).status).toBe(
      403,
    );
    expect(
      (
        await call("GET", `/api/v4/profiles/${own}`, {
          token: env.emulator.issueToken(["asset:read"]),
        })
      ).status,
    ).toBe(403);
    const missing = await call("GET", "/api/v4/profiles/00000000-0000-0000-0000000000000000");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      message: "Security profile not found",
      statuscode: 404,
    });
  });
});
