import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Guardrail } from "@clawgate/contracts";
import type { TurnOutcome } from "@clawgate/durable-objects";
import { fakeRuntime, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { auditEvents, client, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

/** Guardrails through the admin API: CRUD, validation, attaching to runtimes, and the next turn obeying. */
type Client = ReturnType<typeof client>;
let admin: Client;
let mike: Client;
let runtime: FakeRuntime | undefined;

const builtin = (name: string) => ({
  name,
  kind: "builtin",
  blockedInputMessage: "Not on this runtime.",
  blockedOutputMessage: "Answer withheld.",
  policy: { deniedTopics: [{ name: "Project Falcon", phrases: ["project falcon"] }], pii: [{ type: "email", action: "mask" }] },
});

describe("guardrails API", () => {
  beforeAll(async () => {
    await seedAcme();
    admin = client(await signInAs("emp-jiade"));
    mike = client(await signInAs("emp-mike"));
  });
  afterEach(() => {
    runtime?.restore();
    runtime = undefined;
  });

  it("lists the seeded built-in guardrails with the runtime using each", async () => {
    const res = await admin.get("/api/admin/guardrails");
    expect(res.status).toBe(200);
    const byId = new Map((res.body.guardrails as Guardrail[]).map((g) => [g.id, g]));
    expect(byId.get("gr-standard-input")).toMatchObject({ kind: "builtin", bedrock: null, runtimes: [{ runtimeId: "rt-standard", as: "input" }] });
    expect(byId.get("gr-standard-output")?.runtimes).toEqual([{ runtimeId: "rt-standard", as: "output" }]);
    expect((await admin.get("/api/admin/runtimes/rt-executive/guardrails")).body).toEqual({ runtimeId: "rt-executive", inputGuardrailId: null, outputGuardrailId: null, strict: false });
  });

  it("creates, changes and deletes guardrails of both kinds, audited as config changes", async () => {
    const created = await admin.post("/api/admin/guardrails", builtin("Falcon secrecy"));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Falcon secrecy", kind: "builtin", policy: { deniedTopics: [{ name: "Project Falcon" }], wordLists: [] }, updatedBy: "emp-jiade", runtimes: [] });
    expect((await admin.post("/api/admin/guardrails", builtin("Falcon secrecy"))).status).toBe(409);

    const bedrock = await admin.post("/api/admin/guardrails", {
      name: "Bedrock standard",
      kind: "bedrock",
      bedrock: { guardrailId: "arn:aws:bedrock:us-east-1:123456789012:guardrail/abc123", version: "2", region: "us-east-1" },
      blockedInputMessage: "Blocked.",
      blockedOutputMessage: "Withheld.",
    });
    expect(bedrock.status).toBe(201);
    expect(bedrock.body).toMatchObject({ kind: "bedrock", policy: null, bedrock: { version: "2" } });

    const renamed = await admin.patch(`/api/admin/guardrails/${bedrock.body.id}`, { bedrock: { guardrailId: "abc123", version: "DRAFT", region: "eu-west-1" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.bedrock).toEqual({ guardrailId: "abc123", version: "DRAFT", region: "eu-west-1" });
    const wrongKind = await admin.patch(`/api/admin/guardrails/${bedrock.body.id}`, { policy: { deniedTopics: [] } });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.issues).toEqual([{ path: "policy", message: "does not apply to a guardrail of kind bedrock" }]);

    expect((await admin.delete(`/api/admin/guardrails/${bedrock.body.id}`)).status).toBe(200);
    expect((await admin.get(`/api/admin/guardrails/${bedrock.body.id}`)).status).toBe(404);
    const audited = (await auditEvents("config.changed")).filter((e) => e.detail["area"] === "guardrails");
    expect(audited.map((e) => e.detail["action"])).toEqual(["created", "created", "updated", "deleted"]);
    expect(audited.every((e) => e.actor === "emp-jiade")).toBe(true);
  });

  it("refuses bad input with 400 and changes nothing", async () => {
    const before = (await admin.get("/api/admin/guardrails")).body.guardrails.length;
    for (const body of [
      { ...builtin("Bad PII"), policy: { pii: [{ type: "passport", action: "mask" }] } },
      { ...builtin("Bad action"), policy: { wordLists: [{ name: "w", words: ["x y"], action: "shout" }] } },
      { name: "Bad id", kind: "bedrock", bedrock: { guardrailId: "../../x", version: "1", region: "us-east-1" }, blockedInputMessage: "b", blockedOutputMessage: "b" },
      { name: "Bad version", kind: "bedrock", bedrock: { guardrailId: "abc", version: "latest", region: "us-east-1" }, blockedInputMessage: "b", blockedOutputMessage: "b" },
      { ...builtin("No message"), blockedInputMessage: "" },
    ]) {
      expect((await admin.post("/api/admin/guardrails", body)).status).toBe(400);
    }
    expect((await admin.put("/api/admin/runtimes/rt-executive/guardrails", { inputGuardrailId: "gr-nope", outputGuardrailId: null, strict: false })).status).toBe(400);
    expect((await admin.get("/api/admin/guardrails")).body.guardrails.length).toBe(before);
  });

  it("is for admins only", async () => {
    expect((await mike.get("/api/admin/guardrails")).status).toBe(403);
    expect((await mike.post("/api/admin/guardrails", builtin("Mike's"))).status).toBe(403);
    expect((await mike.put("/api/admin/runtimes/rt-executive/guardrails", { inputGuardrailId: null, outputGuardrailId: null, strict: false })).status).toBe(403);
  });

  it("attaches a guardrail to the executive runtime: Peter's next turn is checked, and the guardrail cannot be deleted while attached", async () => {
    runtime = fakeRuntime();
    const guardrail = (await admin.post("/api/admin/guardrails", builtin("Executive falcon"))).body as Guardrail;
    const send = async (message: string) =>
      (await testEnv.EMPLOYEE_AGENT.getByName("emp-peter").send({ employeeId: "emp-peter", accessPath: "employee", sourceMessageId: crypto.randomUUID(), message })) as TurnOutcome;

    expect(await send("status of project falcon?")).toMatchObject({ ok: true, result: { outcome: "answered" } });
    const attached = await admin.put("/api/admin/runtimes/rt-executive/guardrails", { inputGuardrailId: guardrail.id, outputGuardrailId: null, strict: true });
    expect(attached.status).toBe(200);
    expect(attached.body).toEqual({ runtimeId: "rt-executive", inputGuardrailId: guardrail.id, outputGuardrailId: null, strict: true });
    expect(await send("status of project falcon?")).toMatchObject({ ok: true, result: { outcome: "blocked", reply: "Not on this runtime." } });
    expect(runtime.invocations).toHaveLength(1);

    const blocked = await admin.delete(`/api/admin/guardrails/${guardrail.id}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.runtimes).toEqual([{ runtimeId: "rt-executive", as: "input" }]);

    expect((await admin.put("/api/admin/runtimes/rt-executive/guardrails", { inputGuardrailId: null, outputGuardrailId: null, strict: false })).status).toBe(200);
    expect((await admin.delete(`/api/admin/guardrails/${guardrail.id}`)).status).toBe(200);
    expect(await send("status of project falcon?")).toMatchObject({ ok: true, result: { outcome: "answered" } });
    const attachments = (await auditEvents("config.changed")).filter((e) => e.detail["action"] === "attached");
    expect(attachments.map((e) => e.detail)).toEqual([
      { area: "guardrails", action: "attached", runtimeId: "rt-executive", inputGuardrailId: guardrail.id, outputGuardrailId: null, strict: true },
      { area: "guardrails", action: "attached", runtimeId: "rt-executive", inputGuardrailId: null, outputGuardrailId: null, strict: false },
    ]);
  });
});
