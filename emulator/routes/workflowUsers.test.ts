import { useEmulatorHttp } from "../testing";

const env = useEmulatorHttp();
const { call } = env;

const portal = () => env.emulator.portal;
const dashless = (id: string) => id.replace(/-/g, "");

describe("workflow users", () => {
  it("lists workflow users with their Bynder user, and gets one", async () => {
    const reply = await call("GET", "/api/workflow/users/");
    expect(reply.status).toBe(200);
    expect(reply.body.length).toBe(portal().workflowUsers.length);
    const wfUser = portal().workflowUsers[0];
    const user = portal().users.get(wfUser.userId)!;
    const expected = {
      ID: wfUser.ID,
      fullname: `${user.firstname} ${user.lastname}`,
      BynderUser: {
        firstName: user.firstname,
        lastName: user.lastname,
        infix: "",
        email: user.email,
        id: user.id,
      },
    };
    expect(reply.body[0]).toEqual(expected);
    const one = await call("GET", `/api/workflow/users/${dashless(wfUser.ID)}`);
    expect(one.body).toEqual(expected);
    const unknown = await call("GET", "/api/workflow/users/00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
    const noScope = env.emulator.issueToken(["workflow.job:read"]);
    expect((await call("GET", "/api/workflow/users", { token: noScope })).status).toBe(403);
  });
});
