import { beforeAll, describe, expect, it } from "vitest";
import { KB_DOCUMENT_MAX_BYTES, sha256Hex } from "@clawgate/contracts";
import { freshKnowledgeBase, nextPlan, planDocumentText, upload } from "./knowledge-fixtures.ts";
import { auditEvents, client, configVersion, signInAs } from "./org-client.ts";
import { seedAcme, testEnv } from "./seeded.ts";

let adminCookie: string;
let admin: ReturnType<typeof client>;

const documentRows = async (kbId: string) =>
  (await testEnv.DB.prepare("SELECT file, title, sha256, size, uploaded_by FROM kb_documents WHERE kb_id = ? ORDER BY file").bind(kbId).all()).results;

/** Exactly `bytes` bytes of markdown. */
const markdownOf = (bytes: number) => `# Big\n${"a".repeat(bytes - 6)}`;

/** A body that arrives in chunks with no Content-Length, as a client streaming a file would send it. */
function streamOf(totalBytes: number, chunkBytes = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const size = Math.min(chunkBytes, totalBytes - sent);
      controller.enqueue(new TextEncoder().encode("b".repeat(size)));
      sent += size;
    },
  });
}

async function expectNothingStored(kbId: string, version: number) {
  expect(await documentRows(kbId)).toEqual([]);
  expect(await configVersion()).toBe(version);
}

describe("knowledge document upload", () => {
  beforeAll(async () => {
    await seedAcme();
    adminCookie = await signInAs("emp-jiade");
    admin = client(adminCookie);
  });

  it("stores markdown in R2 by SHA-256 and its metadata in D1; the next plan carries it", async () => {
    const kbId = await freshKnowledgeBase(["pos-fa"]);
    const text = "Intro line.\n\n## Travel rules — Zürich office\n\nBook trains, not flights, under 4 hours.\n";
    const version = await configVersion();
    const res = await upload(adminCookie, kbId, "travel.md", text);
    expect(res.status).toBe(201);
    const sha256 = await sha256Hex(text);
    const size = new TextEncoder().encode(text).byteLength;
    expect(await res.json()).toMatchObject({ file: "travel.md", title: "Travel rules — Zürich office", sha256, size, uploadedBy: "emp-jiade" });
    expect(size).toBeGreaterThan(text.length);
    expect(await (await testEnv.CONTENT.get(`blobs/${sha256}`))?.text()).toBe(text);
    expect(await documentRows(kbId)).toEqual([{ file: "travel.md", title: "Travel rules — Zürich office", sha256, size, uploaded_by: "emp-jiade" }]);
    expect(await configVersion()).toBe(version + 1);
    expect((await auditEvents("kb.document_uploaded")).at(-1)).toMatchObject({ actor: "emp-jiade", detail: { kbId, file: "travel.md", sha256, size, replaced: false } });
    expect(await planDocumentText(await nextPlan("emp-carol"), `knowledge/${kbId}/travel.md`)).toBe(text);
    const read = await admin.get(`/api/admin/knowledge-bases/${kbId}/documents/travel.md`);
    expect(read.body).toMatchObject({ kbId, file: "travel.md", text });
  });

  it("accepts a document of exactly 1 MB", async () => {
    const kbId = await freshKnowledgeBase([]);
    const res = await upload(adminCookie, kbId, "big.md", markdownOf(KB_DOCUMENT_MAX_BYTES));
    expect(res.status).toBe(201);
    expect((await res.json()) as object).toMatchObject({ size: 1_048_576, title: "Big" });
  });

  it("refuses 1 MB + 1 byte with 413 and a clear message, storing nothing", async () => {
    const kbId = await freshKnowledgeBase([]);
    const version = await configVersion();
    const res = await upload(adminCookie, kbId, "big.md", markdownOf(KB_DOCUMENT_MAX_BYTES + 1));
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error).toEqual({ code: "payload_too_large", message: expect.stringContaining("at most 1 MB (1,048,576 bytes)") });
    await expectNothingStored(kbId, version);
  });

  it("cuts off a streamed upload without Content-Length as soon as it passes 1 MB", async () => {
    const kbId = await freshKnowledgeBase([]);
    const version = await configVersion();
    const over = await upload(adminCookie, kbId, "streamed.md", streamOf(KB_DOCUMENT_MAX_BYTES + 1));
    expect(over.status).toBe(413);
    await expectNothingStored(kbId, version);
    const atLimit = await upload(adminCookie, kbId, "streamed.md", streamOf(KB_DOCUMENT_MAX_BYTES));
    expect(atLimit.status).toBe(201);
    expect(((await atLimit.json()) as { size: number }).size).toBe(KB_DOCUMENT_MAX_BYTES);
  });

  it("titles a document by ?title, else its first heading outside code, else its file name", async () => {
    const kbId = await freshKnowledgeBase([]);
    const titleOf = async (file: string, text: string, query = "") =>
      ((await (await upload(adminCookie, kbId, `${file}${query}`, text)).json()) as { title: string }).title;
    expect(await titleOf("given.md", "# Heading\n", "?title=Given%20title")).toBe("Given title");
    expect(await titleOf("fenced.md", "```sh\n# not a heading\n```\n\n### Real heading ###\n")).toBe("Real heading");
    expect(await titleOf("no-heading.md", "Just text, no heading.\n")).toBe("no-heading");
    const multiline = await upload(adminCookie, kbId, "x.md?title=One%0ATwo", "# x\n");
    expect(multiline.status).toBe(400);
  });

  it("replaces a document of the same name (200): the next plan carries the new text", async () => {
    const kbId = await freshKnowledgeBase(["pos-fa"]);
    expect((await upload(adminCookie, kbId, "rates.md", "# Rates\n\nVersion 1.\n")).status).toBe(201);
    const replaced = await upload(adminCookie, kbId, "rates.md", "# Rates\n\nVersion 2.\n");
    expect(replaced.status).toBe(200);
    expect(await documentRows(kbId)).toHaveLength(1);
    expect(await planDocumentText(await nextPlan("emp-carol"), `knowledge/${kbId}/rates.md`)).toBe("# Rates\n\nVersion 2.\n");
    expect((await auditEvents("kb.document_uploaded")).at(-1)).toMatchObject({ detail: { kbId, file: "rates.md", replaced: true } });
  });

  it("refuses anything but UTF-8 markdown, storing nothing", async () => {
    const kbId = await freshKnowledgeBase([]);
    const version = await configVersion();
    for (const contentType of ["application/json", "application/octet-stream", "text/html", "text/markdown; charset=latin1"]) {
      const res = await upload(adminCookie, kbId, "doc.md", "# Doc\n", { "content-type": contentType });
      expect(res.status, contentType).toBe(415);
    }
    const noType = await upload(adminCookie, kbId, "doc.md", new Blob([new TextEncoder().encode("# Doc\n")]), { "content-type": "" });
    expect(noType.status).toBe(415);
    const cases: [string, BodyInit][] = [
      ["invalid UTF-8", new Uint8Array([0x23, 0x20, 0xc3, 0x28, 0x0a])],
      ["NUL bytes", "# Doc\n\u0000\u0001binary"],
      ["empty", " \n\n "],
    ];
    for (const [what, body] of cases) {
      const res = await upload(adminCookie, kbId, "doc.md", body);
      expect(res.status, what).toBe(400);
    }
    for (const file of ["notes.txt", ".env.md", "doc.markdown", "a%2F..%2Fb.md"]) {
      expect((await upload(adminCookie, kbId, file, "# Doc\n")).status, file).toBe(400);
    }
    await expectNothingStored(kbId, version);
  });

  it("keeps uploads to admins, and the generated directory read-only", async () => {
    const held = await freshKnowledgeBase(["pos-ae"]);
    expect((await upload(await signInAs("emp-mike"), held, "doc.md", "# Doc\n")).status).toBe(403);
    expect((await upload(await signInAs("emp-mike"), "kb-finance", "doc.md", "# Doc\n")).status).toBe(404);
    expect((await upload(await signInAs("emp-sarah"), held, "doc.md", "# Doc\n")).status).toBe(403);
    const directory = await upload(adminCookie, "kb-org-directory", "directory.md", "# Fake directory\n");
    expect(directory.status).toBe(409);
    expect((await admin.delete("/api/admin/knowledge-bases/kb-org-directory/documents/directory.md")).status).toBe(409);
    expect(await documentRows(held)).toEqual([]);
    expect(await documentRows("kb-org-directory")).toEqual([]);
  });

  it("deletes a document (admin): gone from the next plan, audited", async () => {
    const kbId = await freshKnowledgeBase(["pos-fa"], { document: "old.md" });
    expect(await planDocumentText(await nextPlan("emp-carol"), `knowledge/${kbId}/old.md`)).toContain("Fixture text");
    const version = await configVersion();
    const res = await admin.delete(`/api/admin/knowledge-bases/${kbId}/documents/old.md`);
    expect(res.status).toBe(204);
    expect(await configVersion()).toBe(version + 1);
    expect(await planDocumentText(await nextPlan("emp-carol"), `knowledge/${kbId}/old.md`)).toBeUndefined();
    expect((await auditEvents("kb.document_deleted")).at(-1)).toMatchObject({ actor: "emp-jiade", detail: { kbId, file: "old.md" } });
    expect((await admin.delete(`/api/admin/knowledge-bases/${kbId}/documents/old.md`)).status).toBe(404);
    expect((await admin.get(`/api/admin/knowledge-bases/${kbId}/documents/old.md`)).status).toBe(404);
  });
});
