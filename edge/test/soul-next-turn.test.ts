import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { fakeRuntime, type FakeRuntime } from "../../durable-objects/test/fake-runtime.ts";
import { client, request, signInAs } from "./org-client.ts";
import { seedAcme } from "./seeded.ts";

/**
 * The acceptance line of dynamic configuration: a SOUL edit shows up in the next reply without a
 * restart. The runtime is faked at the fetch boundary; everything else (API, D1, R2, the
 * EmployeeAgent, plan building and content push) is real.
 */
let runtime: FakeRuntime;

async function chat(cookie: string, message: string) {
  const res = await request("/api/portal/chat", { method: "POST", headers: { cookie, "content-type": "application/json", accept: "application/json" }, body: JSON.stringify({ message }) });
  expect(res.status).toBe(200);
  return res.json();
}

const lastPlan = () => runtime.planOf(runtime.invocations.at(-1)!)!;
const lastBlobs = () => runtime.invocations.at(-1)!.blobs;

describe("a SOUL edit reaches the next turn", () => {
  let admin: ReturnType<typeof client>;
  let ryanCookie: string;

  beforeAll(async () => {
    await seedAcme();
    admin = client(await signInAs("emp-jiade"));
    ryanCookie = await signInAs("emp-ryan");
  });
  afterEach(() => runtime?.restore());

  it("personal: the employee edits it in the portal and their next turn's plan carries the new text", async () => {
    runtime = fakeRuntime();
    await chat(ryanCookie, "hello");
    const before = lastPlan().soul.personal!.sha256;

    const ryan = client(ryanCookie);
    const { currentVersion } = (await ryan.get("/api/portal/soul")).body;
    const text = "Ryan wants every answer to end with a one-line summary.";
    const saved = await ryan.put("/api/portal/soul", { text, baseVersion: currentVersion });
    expect(saved.status).toBe(200);

    await chat(ryanCookie, "and now?");
    expect(runtime.invocations).toHaveLength(2);
    expect(lastPlan().soul.personal!.sha256).toBe(saved.body.sha256);
    expect(lastPlan().soul.personal!.sha256).not.toBe(before);
    // The runtime already held everything else: exactly the new text is pushed, inline, by its hash.
    expect(lastBlobs()).toEqual({ [saved.body.sha256]: text });
  });

  it("position and global: an admin's edit reaches every holder's next turn", async () => {
    runtime = fakeRuntime();
    const sophie = await signInAs("emp-sophie");
    const carol = await signInAs("emp-carol");
    await chat(sophie, "warm up");
    await chat(carol, "warm up");

    const position = (await admin.get("/api/admin/positions/pos-sde/soul")).body;
    const sde = await admin.put("/api/admin/positions/pos-sde/soul", { text: `${position.text}\nPrefer small, reviewed changes.`, baseVersion: position.currentVersion });
    const global = (await admin.get("/api/admin/soul/global")).body;
    const everyone = await admin.put("/api/admin/soul/global", { text: `${global.text}\nSign off as ACME's assistant.`, baseVersion: global.currentVersion });
    expect([sde.status, everyone.status]).toEqual([200, 200]);

    await chat(sophie, "next");
    expect(lastPlan().soul).toMatchObject({ global: { sha256: everyone.body.sha256 }, position: { sha256: sde.body.sha256 } });
    await chat(carol, "next");
    expect(lastPlan().soul.global.sha256).toBe(everyone.body.sha256);
    expect(lastPlan().soul.position!.sha256).not.toBe(sde.body.sha256);
  });
});
