import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { fakeRuntime, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { auditEvents, client, configVersion, request, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";
import { tokenOf, twinChat } from "./twin-fixtures.ts";

/**
 * GET/PATCH /api/admin/settings: admins only, validated, audited, and each setting acts where it
 * should — the name in plans (config version), the language of new employees, twins org-wide.
 */
type Client = ReturnType<typeof client>;
let runtime: FakeRuntime | undefined;

describe("organisation settings", () => {
  let admin: Client;
  let manager: Client;

  beforeAll(async () => {
    await seedAcme();
    admin = client(await signInAs("emp-jiade"));
    manager = client(await signInAs("emp-mike"));
  });
  afterEach(() => runtime?.restore());

  it("reads the seeded name and the defaults", async () => {
    expect((await admin.get("/api/admin/settings")).body).toEqual({ organisationName: "ACME Corp", defaultLanguage: "en", twinsEnabled: true });
  });

  it("refuses managers, even with a valid body, and bad input with 400, changing nothing", async () => {
    expect((await manager.get("/api/admin/settings")).status).toBe(403);
    expect((await manager.patch("/api/admin/settings", { organisationName: "Mike Corp" })).status).toBe(403);
    const version = await configVersion();
    for (const body of [{}, { organisationName: "   " }, { defaultLanguage: "fr" }, { twinsEnabled: "no" }, { timeZone: "Europe/Berlin" }, { organisationName: "x".repeat(101) }]) {
      const res = await admin.patch("/api/admin/settings", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
    }
    expect((await admin.get("/api/admin/settings")).body.organisationName).toBe("ACME Corp");
    expect(await configVersion()).toBe(version);
    expect(await auditEvents("config.changed")).toEqual([]);
  });

  it("renames the organisation: stored where plans read it, config version bumped, audited once", async () => {
    const version = await configVersion();
    const res = await admin.patch("/api/admin/settings", { organisationName: "  ACME Group  " });
    expect(res.status).toBe(200);
    expect(res.body.organisationName).toBe("ACME Group");
    const stored = await testEnv.DB.prepare("SELECT value FROM settings WHERE key = 'company_name'").first<{ value: string }>();
    expect(stored?.value).toBe("ACME Group");
    expect(await configVersion()).toBe(version + 1);
    expect(await auditEvents("config.changed")).toEqual([{ actor: "emp-jiade", employee_id: null, detail: { area: "settings", keys: ["organisationName"] } }]);

    // The same value again changes nothing and audits nothing.
    await admin.patch("/api/admin/settings", { organisationName: "ACME Group" });
    expect(await configVersion()).toBe(version + 1);
    expect(await auditEvents("config.changed")).toHaveLength(1);
    expect((await admin.get("/api/admin/dashboard")).body.organisationName).toBe("ACME Group");
  });

  it("a new name reaches the next turn's plan (runtime faked at the fetch boundary)", async () => {
    runtime = fakeRuntime();
    const ryan = await signInAs("emp-ryan");
    const chat = () => request("/api/portal/chat", { method: "POST", headers: { cookie: ryan, "content-type": "application/json", accept: "application/json" }, body: JSON.stringify({ message: "hello" }) });
    expect((await chat()).status).toBe(200);
    const before = runtime.planOf(runtime.invocations.at(-1)!)!.identity.company;
    await admin.patch("/api/admin/settings", { organisationName: "ACME Holdings" });
    expect((await chat()).status).toBe(200);
    expect(runtime.planOf(runtime.invocations.at(-1)!)!.identity.company).toBe("ACME Holdings");
    expect(before).not.toBe("ACME Holdings");
  });

  it("new employees created without a language get the organisation's default", async () => {
    expect((await admin.patch("/api/admin/settings", { defaultLanguage: "zh" })).body.defaultLanguage).toBe("zh");
    const base = { positionId: "pos-ae", departmentId: "dept-sales-ent" };
    const plain = await admin.post("/api/admin/employees", { ...base, name: "Li Lei", employeeNumber: "EMP-801", email: "li.lei@acme.example" });
    expect(plain.status).toBe(201);
    expect(plain.body.employee.language).toBe("zh");
    const explicit = await admin.post("/api/admin/employees", { ...base, name: "Ann Lee", employeeNumber: "EMP-802", email: "ann.lee@acme.example", language: "en" });
    expect(explicit.body.employee.language).toBe("en");
  });

  it("twins switched off org-wide: live links 404, nobody can switch one on; back on, the same link works", async () => {
    const sarah = client(await signInAs("emp-sarah"));
    const token = tokenOf((await sarah.post("/api/portal/twin", {})).body.url);
    expect((await request(`/twin/${token}`)).status).toBe(200);

    expect((await admin.patch("/api/admin/settings", { twinsEnabled: false })).body.twinsEnabled).toBe(false);
    expect((await request(`/twin/${token}`)).status).toBe(404);
    expect((await twinChat(token, "anyone there?")).status).toBe(404);
    // The employee's switch is kept as it was; the status says the organisation does not allow it.
    expect((await sarah.get("/api/portal/twin")).body).toMatchObject({ enabled: true, allowed: false });
    const regenerate = await sarah.post("/api/portal/twin/regenerate", {});
    expect(regenerate.status).toBe(403);
    expect(regenerate.body.error.code).toBe("twins_disabled");
    const carol = client(await signInAs("emp-carol"));
    expect((await carol.post("/api/portal/twin", {})).status).toBe(403);
    expect((await carol.get("/api/portal/twin")).body).toMatchObject({ enabled: false, allowed: false });

    await admin.patch("/api/admin/settings", { twinsEnabled: true });
    expect((await request(`/twin/${token}`)).status).toBe(200);
    expect((await sarah.get("/api/portal/twin")).body).toMatchObject({ enabled: true, allowed: true });
    expect((await carol.get("/api/portal/twin")).body).toMatchObject({ enabled: false, allowed: true });
  });
});
