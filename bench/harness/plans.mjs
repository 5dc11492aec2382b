// Benchmark plans: the test fixture's plan (one finance analyst), optionally with a large knowledge base.
import { canonicalJson } from "@clawgate/contracts";
import { sha256 } from "../../agent-container/src/workspace/blob-store.ts";
import { planFixture } from "../../agent-container/src/testing/fixtures.ts";

export const CAROL = {
  employeeId: "emp-carol",
  name: "Carol Zhang",
  position: { id: "pos-fa", name: "Finance Analyst" },
  capabilities: ["web_search", "file"],
};

/** Deterministic, distinct markdown of exactly `bytes` bytes (ASCII), so every document hashes differently. */
export function documentText(index, bytes) {
  const lines = [`# Finance handbook, chapter ${index + 1}`, ""];
  let size = lines.join("\n").length + 1;
  for (let n = 1; size < bytes; n++) {
    const line = `${n}. Entry ${index}-${n}: approvals above ${(n * 37) % 1000} k need a second signature; quarter close follows checklist ${(index * 7 + n) % 97}.`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join("\n")}\n`.slice(0, bytes - 1) + "\n";
}

/**
 * The fixture plan plus `docs` knowledge documents of `docBytes` each: `{ plan, blobs }`, with the
 * planVersion recomputed as the edge would.
 */
export function knowledgePlan({ docs = 0, docBytes = 20 * 1024 } = {}) {
  const { plan, blobs } = planFixture(CAROL);
  const { planVersion: _old, ...body } = plan;
  for (let i = 0; i < docs; i++) {
    const text = documentText(i, docBytes);
    const hash = sha256(text);
    blobs[hash] = text;
    body.knowledge.push({ kbId: "kb-handbook", name: "Finance Handbook", title: `Chapter ${i + 1}`, path: `knowledge/kb-handbook/chapter-${String(i + 1).padStart(3, "0")}.md`, sha256: hash });
  }
  return { plan: { ...body, planVersion: sha256(canonicalJson(body)) }, blobs };
}
