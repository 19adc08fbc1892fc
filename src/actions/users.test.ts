import { isConnectionError } from "@prismatic-io/spectral";
import { connectionTo, expectSameShape, harness, useEmulator } from "../../test/support";
import {
  createdUser,
  paginationHeaders,
  securityProfile,
  user,
  userListItem,
} from "../examplePayloads/users";

const env = useEmulator();

const UNKNOWN = "00000000-0000-0000-0000000000000000";
const portal = () => env.emulator.portal;
const users = () => [...portal().users.values()];
const run = (key: string, params: Record<string, unknown> = {}) =>
  harness.action(key, { connection: env.connection, ...params });
const expectNoRequest = () => expect(env.emulator.requests).toHaveLength(0);

let counter = 0;
const newUser = () => {
  counter += 1;
  return {
    email: `person${counter}@example.com`,
    password: " pass word ",
    profileId: portal().profiles[2].id,
    firstname: "Pat",
    lastname: `Person ${counter}`,
  };
};

describe("createUser", () => {
  it("posts the user as a form with Data merged in and returns {id, username}", async () => {
    const fields = newUser();
    const result = (await run("createUser", {
      ...fields,
      username: "pat.person",
      bodyData: JSON.stringify({
        active: 0,
        department: "Legal",
        groupIds: [users()[0].groups[0].id],
      }),
    })) as { data: { id: string; username: string } };
    const [request] = env.emulator.requestsTo("/api/v4/users", "POST");
    expect(request.path).toBe("/api/v4/users");
    expect(request.form).toEqual({
      email: [fields.email],
      password: [" pass word "],
      profileId: [fields.profileId],
      firstname: ["Pat"],
      lastname: [fields.lastname],
      username: ["pat.person"],
      active: ["0"],
      department: ["Legal"],
      groupIds: [users()[0].groups[0].id],
    });
    expect(result.data.username).toBe("pat.person");
    expectSameShape(result.data, createdUser);
    expect(portal().users.get(result.data.id)).toMatchObject({
      email: fields.email,
      active: false,
      department: "Legal",
      password: " pass word ",
    });
  });

  it("leaves an empty Username out, so Bynder uses the email", async () => {
    const fields = newUser();
    const result = (await run("createUser", { ...fields, username: "" })) as {
      data: { username: string };
    };
    expect(env.emulator.requestsTo("/api/v4/users", "POST")[0].form).not.toHaveProperty("username");
    expect(result.data.username).toBe(fields.email);
  });

  it("fails before any request on a missing field, a bad email or invalid Data", async () => {
    const fields = newUser();
    for (const [key, label] of [
      ["email", "Email"],
      ["password", "Password"],
      ["profileId", "Profile ID"],
      ["firstname", "First Name"],
      ["lastname", "Last Name"],
    ] as const) {
      await expect(run("createUser", { ...fields, [key]: "" })).rejects.toThrow(
        `${label} is required.`,
      );
    }
    await expect(run("createUser", { ...fields, email: "pat" })).rejects.toThrow(
      'Email: "pat" is not an email address.',
    );
    await expect(run("createUser", { ...fields, bodyData: "[1, 2]" })).rejects.toThrow(
      /^Data must be a JSON object/,
    );
    await expect(run("createUser", { ...fields, profileId: "a/b" })).rejects.toThrow(
      /^Profile ID must be/,
    );
    expectNoRequest();
  });

  it("passes Bynder's 400 on an unknown profile on", async () => {
    await expect(run("createUser", { ...newUser(), profileId: "NO-SUCH-PROFILE" })).rejects.toThrow(
      "Bynder POST /api/v4/users/ failed with HTTP 400: Security profile NO-SUCH-PROFILE does not exist",
    );
  });
});

describe("getUser and getCurrentUser", () => {
  it("gets a user by id or by username", async () => {
    const target = users()[1];
    const byId = (await run("getUser", { id: target.id })) as { data: Record<string, unknown> };
    expect(byId.data).toMatchObject({ id: target.id, username: target.username, active: true });
    expectSameShape(byId.data, user);
    const byName = await run("getUser", { id: target.username });
    expect(byName).toEqual(byId);
    expect(env.emulator.requestsTo("/api/v4/users/", "GET").map((r) => r.path)).toEqual([
      `/api/v4/users/${target.id}`,
      `/api/v4/users/${encodeURIComponent(target.username)}`,
    ]);
  });

  it("passes Bynder's 404 on and rejects an id with a slash before any request", async () => {
    await expect(run("getUser", { id: UNKNOWN })).rejects.toThrow(
      `Bynder GET /api/v4/users/${UNKNOWN}/ failed with HTTP 404: User not found`,
    );
    env.emulator.clearLog();
    await expect(run("getUser", { id: "../profiles" })).rejects.toThrow(/^ID must be/);
    expectNoRequest();
  });

  it("getCurrentUser returns the connection's user", async () => {
    const result = (await run("getCurrentUser")) as { data: { id: string } };
    expect(result.data.id).toBe(portal().defaultUserId());
    expectSameShape(result.data, user);
    expect(env.emulator.requestsTo("/api/v4/currentUser", "GET")).toHaveLength(1);
  });

  it("a token without current.user:read gets a ConnectionError", async () => {
    const error: unknown = await harness
      .action("getCurrentUser", { connection: connectionTo(env.emulator, "asset:read") })
      .catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
    expect((error as Error).message).toMatch(/HTTP 403/);
  });
});

describe("listUsers", () => {
  it("returns Bynder's list and only the X-Pagination-* headers", async () => {
    const result = (await run("listUsers", { page: "2", limit: "3", includeInActive: "true" })) as {
      data: { id: string }[];
      headers: Record<string, string>;
    };
    const [request] = env.emulator.requestsTo("/api/v4/users", "GET");
    expect(request.query).toEqual({ page: ["2"], limit: ["3"], includeInActive: ["true"] });
    expect(result.data.map((u) => u.id)).toEqual(
      users()
        .slice(3, 6)
        .map((u) => u.id),
    );
    expect(result.headers).toEqual({
      "x-pagination-totalrecords": String(users().length),
      "x-pagination-totalpages": String(Math.ceil(users().length / 3)),
      "x-pagination-page": "2",
      "x-pagination-limit": "3",
    });
    expectSameShape(result.data, [userListItem]);
    expectSameShape(result.headers, paginationHeaders);
  });

  it("by default lists active users only", async () => {
    const result = (await run("listUsers")) as { data: { active: number }[] };
    expect(env.emulator.requestsTo("/api/v4/users", "GET")[0].query).toEqual({
      includeInActive: ["false"],
    });
    expect(result.data).toHaveLength(users().filter((u) => u.active).length);
    expect(result.data.every((u) => u.active === 1)).toBe(true);
  });

  it("rejects a bad Limit or Include Inactive before any request", async () => {
    await expect(run("listUsers", { limit: "0" })).rejects.toThrow(
      "Limit must be at least 1; got 0.",
    );
    await expect(run("listUsers", { includeInActive: "maybe" })).rejects.toThrow(
      /^Include Inactive must be true or false/,
    );
    expectNoRequest();
  });
});

describe("updateUser", () => {
  it("sends only the fields that are set, plus Data", async () => {
    const created = (await run("createUser", newUser())) as { data: { id: string } };
    env.emulator.clearLog();
    const result = await run("updateUser", {
      id: created.data.id,
      firstname: "Patricia",
      email: "",
      password: "",
      bodyData: JSON.stringify({ job: "Editor" }),
    });
    expect(result).toEqual({ data: { id: created.data.id, username: expect.any(String) } });
    const [request] = env.emulator.requestsTo(`/api/v4/users/${created.data.id}`, "POST");
    expect(request.form).toEqual({ firstname: ["Patricia"], job: ["Editor"] });
    expect(portal().users.get(created.data.id)).toMatchObject({
      firstname: "Patricia",
      job: "Editor",
    });
  });

  it("needs an 8-4-4-16 ID and passes Bynder's 404 on", async () => {
    await expect(run("updateUser", { id: "jane", firstname: "x" })).rejects.toThrow(
      /^ID must be a Bynder asset-bank id/,
    );
    expectNoRequest();
    await expect(run("updateUser", { id: UNKNOWN, firstname: "x" })).rejects.toThrow(
      "HTTP 404: User not found",
    );
  });
});

describe("deleteUser", () => {
  it("deletes by id and returns Bynder's empty 204 body; 404 after", async () => {
    const created = (await run("createUser", newUser())) as { data: { id: string } };
    expect(await run("deleteUser", { id: created.data.id })).toEqual({ data: "" });
    expect(env.emulator.requestsTo(`/api/v4/users/${created.data.id}`, "DELETE")).toHaveLength(1);
    expect(portal().users.has(created.data.id)).toBe(false);
    await expect(run("deleteUser", { id: created.data.id })).rejects.toThrow(
      "HTTP 404: User not found",
    );
  });
});

describe("security profiles", () => {
  it("lists them and gets one", async () => {
    const list = (await run("listSecurityProfiles")) as { data: { id: string }[] };
    expect(list.data.map((p) => p.id)).toEqual(portal().profiles.map((p) => p.id));
    expectSameShape(list.data, [securityProfile]);
    const profile = portal().profiles[2];
    expect(await run("getSecurityProfile", { id: profile.id })).toEqual({
      data: { id: profile.id, name: profile.name, roles: profile.roles },
    });
    expect(env.emulator.requestsTo("/api/v4/profiles", "GET").map((r) => r.path)).toEqual([
      "/api/v4/profiles",
      `/api/v4/profiles/${profile.id}`,
    ]);
  });

  it("passes Bynder's 404 on; an empty id fails before any request", async () => {
    await expect(run("getSecurityProfile", { id: UNKNOWN })).rejects.toThrow(
      "HTTP 404: Security profile not found",
    );
    env.emulator.clearLog();
    await expect(run("getSecurityProfile", { id: " " })).rejects.toThrow(
      "Security Profile ID is required.",
    );
    expectNoRequest();
  });
});
