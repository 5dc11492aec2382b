import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeRuntime, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { client, signInAs } from "./org-client.ts";
import { seedAcme } from "./seeded.ts";

const INITIAL = "Welcome-to-ACME-1";
const CHOSEN = "My own passphrase for work";

/** The sign-in story of issue 4 through the real APIs: admin creates, employee signs in, changes, chats; role change and deletion end sessions. */
describe("a new employee's first sign-in", () => {
  let runtime: FakeRuntime;
  beforeAll(async () => {
    await seedAcme();
    runtime = fakeRuntime();
  });
  afterAll(() => runtime.restore());

  it("is forced to change the initial password before chatting, then chats", async () => {
    const admin = client(await signInAs("emp-jiade"));
    const created = await admin.post("/api/admin/employees", {
      name: "Nora Newcomer",
      employeeNumber: "EMP-900",
      email: "nora@acme.example",
      positionId: "pos-fa",
      departmentId: "dept-finance",
      initialPassword: INITIAL,
    });
    expect(created.status).toBe(201);
    const id = created.body.employee.id as string;

    const cookie = await signInAs(id, INITIAL);
    const nora = client(cookie);
    expect((await nora.get("/api/auth/me")).body).toMatchObject({ employeeId: id, mustChangePassword: true });
    const blocked = await nora.post("/api/portal/chat", { message: "hello" });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe("password_change_required");
    expect((await nora.get("/api/admin/employees")).status).toBe(403);
    expect(runtime.invocations).toHaveLength(0);

    const changed = await nora.post("/api/auth/password", { currentPassword: INITIAL, newPassword: CHOSEN });
    expect(changed.status).toBe(200);
    const reply = await nora.post("/api/portal/chat", { message: "hello" });
    expect(reply.status).toBe(200);
    expect(reply.body.reply).toBe("echo: hello");
    const last = runtime.invocations.at(-1)!;
    expect(runtime.planOf(last)?.identity).toMatchObject({ employeeId: id, name: "Nora Newcomer" });
  });

  it("loses every session at once when an admin changes the role or deletes the employee", async () => {
    const admin = client(await signInAs("emp-jiade"));
    const created = await admin.post("/api/admin/employees", {
      name: "Ravi Rolechange",
      employeeNumber: "EMP-901",
      email: "ravi@acme.example",
      positionId: "pos-fa",
      departmentId: "dept-finance",
      initialPassword: INITIAL,
    });
    const id = created.body.employee.id as string;
    const first = client(await signInAs(id, INITIAL));
    expect((await first.post("/api/auth/password", { currentPassword: INITIAL, newPassword: CHOSEN })).status).toBe(200);

    expect((await admin.patch(`/api/admin/employees/${id}`, { role: "manager" })).status).toBe(200);
    expect((await first.get("/api/auth/me")).status).toBe(401);

    const second = client(await signInAs(id, CHOSEN));
    expect((await second.get("/api/auth/me")).body).toMatchObject({ role: "manager" });
    expect((await admin.delete(`/api/admin/employees/${id}`)).status).toBe(200);
    expect((await second.get("/api/auth/me")).status).toBe(401);
  });
});
