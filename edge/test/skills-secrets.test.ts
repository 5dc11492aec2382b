import { beforeAll, describe, expect, it } from "vitest";
import { openSecret, sealSecret, skillSecretsKey } from "../src/skills/secret-crypto.ts";
import { apiRoutes } from "./api-routes.ts";
import { auditEvents, request, signInAs } from "./org-client.ts";
import { rowCount, skillClient } from "./skills-fixtures.ts";
import { seedAcme, testEnv } from "./seeded.ts";

type Client = ReturnType<typeof skillClient>;
let admin: Client;
let mike: Client;
let sarah: Client;
let cookies: string[];

const PLAINTEXT = "jira-Pl41nt3xt-S3cret-0123456789";
const key = () => skillSecretsKey((testEnv as unknown as { SKILL_SECRETS_KEY: string }).SKILL_SECRETS_KEY);
const secretRow = () =>
  testEnv.DB.prepare("SELECT ciphertext, iv, updated_by FROM skill_secrets WHERE skill_name = 'jira-query' AND key = 'JIRA_API_TOKEN'").first<{ ciphertext: string; iv: string; updated_by: string }>();

/** Every response body seen in this file, to scan for the secret at the end. */
const seen: string[] = [];
const remember = <T extends { body: unknown }>(res: T) => (seen.push(JSON.stringify(res.body)), res);

describe("skill secrets", () => {
  beforeAll(async () => {
    await seedAcme();
    cookies = [await signInAs("emp-jiade"), await signInAs("emp-mike"), await signInAs("emp-sarah")];
    [admin, mike, sarah] = cookies.map(skillClient) as [Client, Client, Client];
  });

  it("lists a skill's declared secrets as set or not, to admins only", async () => {
    const res = remember(await admin.get("/api/admin/skills/jira-query/secrets"));
    expect(res.body).toEqual({ skill: "jira-query", secrets: [{ key: "JIRA_API_TOKEN", set: false, updatedAt: null, updatedBy: null }] });
    expect((await mike.get("/api/admin/skills/jira-query/secrets")).status).toBe(403);
    expect((await sarah.get("/api/admin/skills/jira-query/secrets")).status).toBe(403);
    expect((await admin.get("/api/admin/skills/no-such-skill/secrets")).status).toBe(404);
  });

  it("stores a value encrypted, bound to its skill and key, and never echoes it", async () => {
    expect((await mike.put("/api/admin/skills/jira-query/secrets/JIRA_API_TOKEN", { value: PLAINTEXT })).status).toBe(403);
    expect(await rowCount("skill_secrets")).toBe(0);

    const res = remember(await admin.put("/api/admin/skills/jira-query/secrets/JIRA_API_TOKEN", { value: PLAINTEXT }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ key: "JIRA_API_TOKEN", set: true, updatedAt: expect.any(String), updatedBy: "emp-jiade" });

    const row = (await secretRow())!;
    expect(row.ciphertext).not.toContain(PLAINTEXT);
    const raw = atob(row.ciphertext);
    expect(raw).not.toContain(PLAINTEXT);
    expect(raw.length).toBe(PLAINTEXT.length + 16);
    expect(atob(row.iv)).toHaveLength(12);
    expect(await openSecret(await key(), { skill: "jira-query", key: "JIRA_API_TOKEN" }, row)).toBe(PLAINTEXT);
    // Copied onto another skill's or key's row it does not decrypt: the names are authenticated.
    await expect(openSecret(await key(), { skill: "notion", key: "NOTION_API_KEY" }, row)).rejects.toThrow();
    await expect(openSecret(await key(), { skill: "jira-query", key: "JIRA_API_TOKEN_2" }, row)).rejects.toThrow();

    // The same value again gets a fresh IV, so equal secrets are not visible as equal rows.
    remember(await admin.put("/api/admin/skills/jira-query/secrets/JIRA_API_TOKEN", { value: PLAINTEXT }));
    const again = (await secretRow())!;
    expect(again.iv).not.toBe(row.iv);
    expect(again.ciphertext).not.toBe(row.ciphertext);

    const audit = await auditEvents("skill.secret_set");
    expect(audit.at(-1)).toMatchObject({ actor: "emp-jiade", detail: { skill: "jira-query", key: "JIRA_API_TOKEN" } });
    const allAudit = await testEnv.DB.prepare("SELECT detail FROM audit_events").all<{ detail: string }>();
    expect(allAudit.results.some((r) => r.detail.includes(PLAINTEXT) || r.detail.includes(again.ciphertext))).toBe(false);
  });

  it("accepts only the secrets a skill declares, with valid names and values", async () => {
    expect((await admin.put("/api/admin/skills/jira-query/secrets/OTHER_TOKEN", { value: "x" })).status).toBe(404);
    expect((await admin.put("/api/admin/skills/web-search/secrets/JIRA_API_TOKEN", { value: "x" })).status).toBe(404);
    expect((await admin.put("/api/admin/skills/jira-query/secrets/lower_case", { value: "x" })).status).toBe(400);
    expect((await admin.put("/api/admin/skills/jira-query/secrets/JIRA_API_TOKEN", { value: "" })).status).toBe(400);
    expect((await admin.put("/api/admin/skills/jira-query/secrets/JIRA_API_TOKEN", { value: "y".repeat(4097) })).status).toBe(400);
    expect(await openSecret(await key(), { skill: "jira-query", key: "JIRA_API_TOKEN" }, (await secretRow())!)).toBe(PLAINTEXT);
  });

  it("refuses to store anything without a usable SKILL_SECRETS_KEY (503, never in clear)", async () => {
    for (const raw of [undefined, "", "too-short", "zz".repeat(32)]) await expect(skillSecretsKey(raw)).rejects.toMatchObject({ status: 503, code: "secrets_unavailable" });
    const sealed = await sealSecret(await key(), { skill: "s", key: "K" }, "v");
    const otherKey = await skillSecretsKey("ff".repeat(32));
    await expect(openSecret(otherKey, { skill: "s", key: "K" }, sealed)).rejects.toThrow();
  });

  it("never returns a secret from any API route", { timeout: 60_000 }, async () => {
    const params: Record<string, string> = { name: "jira-query", key: "JIRA_API_TOKEN", id: "emp-jiade", employeeId: "emp-jiade" };
    for (const route of apiRoutes().filter((r) => r.method === "GET")) {
      const path = route.path.replace(/:(\w+)/g, (_, p: string) => params[p] ?? "x");
      // Raw text: some routes answer CSV or JSON Lines.
      for (const cookie of cookies) seen.push(await (await request(path, { headers: { cookie } })).text());
    }
    const row = (await secretRow())!;
    expect(seen.length).toBeGreaterThan(20);
    for (const body of seen) {
      expect(body).not.toContain(PLAINTEXT);
      expect(body).not.toContain(row.ciphertext);
      expect(body).not.toContain(row.iv);
    }
  });

  it("clears a secret, and drops it when a new version no longer declares it", async () => {
    const cleared = remember(await admin.delete("/api/admin/skills/jira-query/secrets/JIRA_API_TOKEN"));
    expect(cleared.body).toEqual({ key: "JIRA_API_TOKEN", set: false, updatedAt: null, updatedBy: null });
    expect(await rowCount("skill_secrets")).toBe(0);
    expect((await auditEvents("skill.secret_cleared")).at(-1)!.detail).toEqual({ skill: "jira-query", key: "JIRA_API_TOKEN" });

    await admin.put("/api/admin/skills/jira-query/secrets/JIRA_API_TOKEN", { value: PLAINTEXT });
    const detail = (await admin.get("/api/admin/skills/jira-query")).body;
    const { name, version: _v, description, allowedRoles, blockedRoles, permissions } = detail;
    const res = await admin.put("/api/admin/skills/jira-query", { manifest: { name, version: "1.0.1", description, allowedRoles, blockedRoles, permissions, requiredSecrets: [] }, skillMd: detail.skillMd });
    expect(res.status).toBe(200);
    expect(await rowCount("skill_secrets")).toBe(0);
    expect((await admin.get("/api/admin/skills/jira-query/secrets")).body.secrets).toEqual([]);
  });
});
