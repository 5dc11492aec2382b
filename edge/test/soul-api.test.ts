import { beforeAll, describe, expect, it } from "vitest";
import { acme } from "../src/seed/acme/index.ts";
import { auditEvents, client, configVersion, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

type Api = ReturnType<typeof client>;
let admin: Api;
let manager: Api; // emp-mike: manager of Enterprise Sales
let sarah: Api; // employee in Enterprise Sales

const count = async (sql: string, ...binds: unknown[]) => (await testEnv.DB.prepare(sql).bind(...binds).first<{ n: number }>())!.n;
const blobText = async (sha: string) => (await testEnv.CONTENT.get(`blobs/${sha}`))!.text();
const sha256 = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, "0")).join("");

describe("SOUL editor API", () => {
  beforeAll(async () => {
    await seedAcme();
    admin = client(await signInAs("emp-jiade"));
    manager = client(await signInAs("emp-mike"));
    sarah = client(await signInAs("emp-sarah"));
  });

  it("reads the global layer with its version, author, size and the number of agents a change reaches", async () => {
    const res = await admin.get("/api/admin/soul/global");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ layer: "global", scopeId: "*", currentVersion: 1, text: acme.globalSoul });
    expect(res.body.version).toMatchObject({ version: 1, author: "seed", authorName: null, sha256: await sha256(acme.globalSoul), size: new TextEncoder().encode(acme.globalSoul).length });
    expect(res.body.affectedAgents).toBe(await count("SELECT COUNT(*) AS n FROM employees"));
  });

  it("saves a new version: text in R2 by SHA-256, version in D1, config version bumped, audited without the text", async () => {
    const before = await configVersion();
    const text = `${acme.globalSoul}\nAlways cite the policy you rely on.\n`;
    const res = await admin.put("/api/admin/soul/global", { text, baseVersion: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ layer: "global", changed: true, fromVersion: 1, version: 2, sha256: await sha256(text), size: text.length });
    expect(res.body.affectedAgents).toBe(await count("SELECT COUNT(*) AS n FROM employees"));
    expect(await blobText(res.body.sha256)).toBe(text);
    expect(await configVersion()).toBe(before + 1);
    const event = (await auditEvents("soul.changed")).at(-1)!;
    expect(event).toMatchObject({ actor: "emp-jiade", employee_id: null, detail: { layer: "global", scopeId: "*", fromVersion: 1, toVersion: 2, sha256: res.body.sha256 } });
    expect(JSON.stringify(event.detail)).not.toContain("cite the policy");
    expect((await admin.get("/api/admin/soul/global")).body).toMatchObject({ currentVersion: 2, text, version: { version: 2, author: "emp-jiade", authorName: "JiaDe Wang" } });
  });

  it("answers a stale base version with 409 and the current version, and writes nothing", async () => {
    const before = await configVersion();
    const res = await admin.put("/api/admin/soul/global", { text: "an edit made on version 1", baseVersion: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "stale_version", currentVersion: 2 });
    expect(await configVersion()).toBe(before);
    expect((await admin.get("/api/admin/soul/global/versions")).body.versions).toHaveLength(2);
  });

  it("lets exactly one of two concurrent saves on the same version win", async () => {
    const [a, b] = await Promise.all([
      admin.put("/api/admin/soul/global", { text: `${acme.globalSoul}\nRace A\n`, baseVersion: 2 }),
      admin.put("/api/admin/soul/global", { text: `${acme.globalSoul}\nRace B\n`, baseVersion: 2 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body.error.currentVersion).toBe(3);
    expect((await admin.get("/api/admin/soul/global/versions")).body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
  });

  it("writes no version when the text is unchanged", async () => {
    const current = (await admin.get("/api/admin/soul/global")).body;
    const before = await configVersion();
    const res = await admin.put("/api/admin/soul/global", { text: current.text, baseVersion: 3 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ changed: false, fromVersion: 3, version: 3 });
    expect(await configVersion()).toBe(before);
  });

  it("lists the history newest first, diffs two versions and reads an old one", async () => {
    const history = (await admin.get("/api/admin/soul/global/versions")).body;
    expect(history.versions.map((v: { author: string }) => v.author)).toEqual(["emp-jiade", "emp-jiade", "seed"]);
    for (const v of history.versions) expect(v.size).toBe(new TextEncoder().encode(await blobText(v.sha256)).length);

    const diff = (await admin.get("/api/admin/soul/global/diff?from=1&to=2")).body;
    // The seeded text ends without a newline, so appending a line also changes its last line.
    expect(diff).toMatchObject({ from: 1, to: 2, additions: 2, deletions: 1 });
    expect(diff.unified).toContain("\\ No newline at end of file");
    expect(diff.unified).toContain("--- SOUL.md@1");
    expect(diff.unified).toContain("+++ SOUL.md@2");
    expect(diff.unified).toContain("+Always cite the policy you rely on.");
    // Without from/to: the latest change.
    expect((await admin.get("/api/admin/soul/global/diff")).body).toMatchObject({ from: 2, to: 3 });

    expect((await admin.get("/api/admin/soul/global?version=1")).body).toMatchObject({ currentVersion: 3, text: acme.globalSoul, version: { version: 1 } });
    expect((await admin.get("/api/admin/soul/global?version=9")).status).toBe(404);
    expect((await admin.get("/api/admin/soul/global/diff?from=1&to=9")).status).toBe(404);
  });

  it("reverts by writing the old text as a new version", async () => {
    const res = await admin.post("/api/admin/soul/global/revert", { version: 1, baseVersion: 3 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ changed: true, fromVersion: 3, version: 4, sha256: await sha256(acme.globalSoul) });
    expect((await admin.get("/api/admin/soul/global")).body.text).toBe(acme.globalSoul);
    expect((await auditEvents("soul.changed")).at(-1)!.detail).toMatchObject({ toVersion: 4, revertedTo: 1 });
    expect((await admin.post("/api/admin/soul/global/revert", { version: 2, baseVersion: 3 })).status).toBe(409);
    expect((await admin.post("/api/admin/soul/global/revert", { version: 42, baseVersion: 4 })).status).toBe(404);
  });

  it("validates the text: at most 64 KiB, no control characters; line endings normalised", async () => {
    const big = await admin.put("/api/admin/soul/global", { text: "x".repeat(64 * 1024 + 1), baseVersion: 4 });
    expect(big.status).toBe(400);
    expect(big.body.error.issues[0].path).toBe("text");
    expect((await admin.put("/api/admin/soul/global", { text: "bell \u0007", baseVersion: 4 })).status).toBe(400);
    expect((await admin.put("/api/admin/soul/global", { baseVersion: 4 })).status).toBe(400);
    expect((await admin.put("/api/admin/soul/global", { text: "ok", baseVersion: -1 })).status).toBe(400);
    expect((await admin.get("/api/admin/soul/global/versions")).body.versions).toHaveLength(4);

    const crlf = await admin.put("/api/admin/soul/global", { text: "line one\r\nline two\r\n", baseVersion: 4 });
    expect(crlf.status).toBe(200);
    expect(await blobText(crlf.body.sha256)).toBe("line one\nline two\n");
  });

  it("position layers: the number of holders; managers change those of their subtree only", async () => {
    const layer = (await admin.get("/api/admin/positions/pos-ae/soul")).body;
    expect(layer).toMatchObject({ layer: "position", scopeId: "pos-ae", currentVersion: 1 });
    expect(layer.affectedAgents).toBe(await count("SELECT COUNT(*) AS n FROM employees WHERE position_id = 'pos-ae'"));

    // Account Executive belongs to Sales, above Mike's Enterprise Sales: he may read it, not change it.
    expect((await manager.get("/api/admin/positions/pos-ae/soul")).status).toBe(200);
    expect((await manager.put("/api/admin/positions/pos-ae/soul", { text: "Mine now", baseVersion: 1 })).status).toBe(403);
    expect((await manager.get("/api/admin/positions/pos-fa/soul")).status).toBe(404);

    await testEnv.DB.prepare("INSERT INTO positions (id, name, department_id) VALUES ('pos-soul-kam', 'Key Account Manager', 'dept-sales-ent')").run();
    const fresh = await manager.get("/api/admin/positions/pos-soul-kam/soul");
    expect(fresh.body).toMatchObject({ currentVersion: 0, version: null, text: "", affectedAgents: 0 });
    const created = await manager.put("/api/admin/positions/pos-soul-kam/soul", { text: "You look after key accounts.", baseVersion: 0 });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ changed: true, fromVersion: 0, version: 1, affectedAgents: 0 });
    expect((await manager.get("/api/admin/positions/pos-soul-kam/soul/diff")).body).toMatchObject({ from: 0, to: 1, additions: 1, deletions: 0 });
    expect((await admin.get("/api/admin/positions/pos-nowhere/soul")).status).toBe(404);
  });

  it("personal layers: one agent; a manager changes their people's, not another manager's, and sees no one outside", async () => {
    const res = await manager.put("/api/admin/employees/emp-sarah/soul", { text: "Sarah prefers bullet points.", baseVersion: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ layer: "personal", scopeId: "emp-sarah", version: 2, affectedAgents: 1 });
    expect((await auditEvents("soul.changed")).at(-1)).toMatchObject({ actor: "emp-mike", employee_id: "emp-sarah", detail: { layer: "personal" } });

    await testEnv.DB.prepare(
      "INSERT INTO employees (id, name, employee_number, email, position_id, department_id, role, created_at) VALUES ('emp-soul-mgr', 'Deputy', 'SOUL-1', 'deputy@acme.example', 'pos-ae', 'dept-sales-ent', 'manager', ?)",
    )
      .bind(new Date().toISOString())
      .run();
    expect((await manager.get("/api/admin/employees/emp-soul-mgr/soul")).status).toBe(200);
    expect((await manager.put("/api/admin/employees/emp-soul-mgr/soul", { text: "Hi", baseVersion: 0 })).status).toBe(403);
    expect((await manager.get("/api/admin/employees/emp-carol/soul")).status).toBe(404);
    expect((await manager.put("/api/admin/employees/emp-carol/soul", { text: "Hi", baseVersion: 1 })).status).toBe(404);
    expect((await manager.put("/api/admin/soul/global", { text: "Hi", baseVersion: 5 })).status).toBe(403);
    expect((await manager.get("/api/admin/soul/global")).status).toBe(200);
  });

  it("lets an employee edit only their own personal layer, through the portal", async () => {
    const own = (await sarah.get("/api/portal/soul")).body;
    expect(own).toMatchObject({ layer: "personal", scopeId: "emp-sarah", currentVersion: 2, text: "Sarah prefers bullet points.", affectedAgents: 1 });
    const res = await sarah.put("/api/portal/soul", { text: "Sarah prefers short answers.", baseVersion: 2 });
    expect(res.status).toBe(200);
    expect((await sarah.get("/api/portal/soul/versions")).body.versions[0]).toMatchObject({ version: 3, author: "emp-sarah", authorName: "Sarah Kim" });
    expect((await sarah.get("/api/portal/soul/diff")).body.unified).toContain("+Sarah prefers short answers.");
    expect((await sarah.post("/api/portal/soul/revert", { version: 2, baseVersion: 3 })).body).toMatchObject({ version: 4 });
    // The admin namespace stays closed to employees, their own record included.
    expect((await sarah.get("/api/admin/employees/emp-sarah/soul")).status).toBe(403);
    expect((await client(null).get("/api/portal/soul")).status).toBe(401);
  });
});
