import { auditDetailJson, auditSafeArgs, canonicalJson, sha256Hex, type AuditEventType, type InvocationResult, type MemoryCheckpoint, type MemoryFile } from "@clawgate/contracts";
import { monotonicFactory } from "ulid";

// Monotonic, so the events of one turn sort in the order they were written.
const ulid = monotonicFactory();
import { putBlob } from "../content/blobs.ts";
import { matchingPrice } from "./pricing.ts";

/** Writes the turn's memory changes to R2 as a new checkpoint; returns the files it now holds. */
export async function writeMemoryCheckpoint(
  bucket: R2Bucket,
  employeeId: string,
  turnId: string,
  current: MemoryCheckpoint,
  changes: InvocationResult["memoryChanges"],
): Promise<{ files: MemoryFile[]; path: string; sha256: string }> {
  const files = new Map(current.files.map((f) => [f.path, f.sha256]));
  for (const change of changes) {
    // Recomputed here: the runtime's hash is not trusted to name R2 content.
    files.set(change.path, await putBlob(bucket, change.text));
  }
  const list = [...files].map(([path, sha256]) => ({ path, sha256 })).sort((a, b) => a.path.localeCompare(b.path));
  const manifest = canonicalJson({ employeeId, turnId, previous: current.sha256, files: list });
  const sha256 = await sha256Hex(manifest);
  const path = `memory/${employeeId}/${sha256}.json`;
  await bucket.put(path, manifest, { httpMetadata: { contentType: "application/json" } });
  return { files: list, path, sha256 };
}

export interface AccountingInput {
  employeeId: string;
  turnId: string;
  accessPath: string;
  runtimeId: string;
  result: InvocationResult;
  durationMs: number;
  at: string;
}

/**
 * One usage row and the audit events of a turn (invocation, every tool call, every denial), in one
 * batch. A turn the model or OpenClaw failed is audited as `agent.turn_failed`, and gets a usage row
 * only if it spent tokens: one that failed before any model call names no model worth billing.
 */
export function accountingStatements(db: D1Database, input: AccountingInput): D1PreparedStatement[] {
  const { result } = input;
  const failed = result.status === "error";
  const spent = result.usage.inputTokens + result.usage.outputTokens > 0;
  const audit = (type: AuditEventType, detail: Record<string, unknown>) =>
    db
      .prepare("INSERT INTO audit_events (id, at, type, actor, employee_id, detail) VALUES (?, ?, ?, ?, ?, ?)")
      .bind(ulid(), input.at, type, input.employeeId, input.employeeId, auditDetailJson({ turnId: input.turnId, ...detail }));
  return [
    ...(failed && !spent
      ? []
      : [
          // Priced inside the insert: the turn is billed at the price in force when it is written.
          // (`WHERE true` lets SQLite parse the upsert clause after INSERT … SELECT.)
          db
            .prepare(
              `INSERT INTO usage (id, at, employee_id, turn_id, access_path, runtime_id, model, input_tokens, output_tokens, cost_usd, priced, price_id)
               SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
                      (?8 * p.input_usd_per_mtok + ?9 * p.output_usd_per_mtok) / 1000000.0, p.id IS NOT NULL, p.id
                 FROM (SELECT 1) LEFT JOIN (${matchingPrice(7)}) p ON true
                WHERE true
               ON CONFLICT(turn_id) DO NOTHING`,
            )
            .bind(ulid(), input.at, input.employeeId, input.turnId, input.accessPath, input.runtimeId, result.usage.model, result.usage.inputTokens, result.usage.outputTokens),
        ]),
    audit(failed ? "agent.turn_failed" : "agent.invocation", {
      ...(failed ? { error: (result.error ?? "the agent runtime reported an error").slice(0, 500) } : {}),
      accessPath: input.accessPath,
      runtimeId: input.runtimeId,
      model: result.usage.model,
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
      toolCalls: result.toolEvents.length,
      // Paths only, and a bounded number of them: the detail stays metadata under the size cap.
      memoryChanges: result.memoryChanges.slice(0, 20).map((m) => m.path.slice(0, 200)),
      durationMs: input.durationMs,
    }),
    ...result.toolEvents.map((e) =>
      e.allowed
        ? audit("agent.tool_call", { tool: e.tool, args: auditSafeArgs(e.args ?? {}) })
        : audit("agent.tool_denied", { tool: e.tool, reason: (e.reason ?? "not permitted").slice(0, 500) }),
    ),
  ];
}

export function auditFailure(db: D1Database, employeeId: string, turnId: string, error: string): D1PreparedStatement {
  return db
    .prepare("INSERT INTO audit_events (id, at, type, actor, employee_id, detail) VALUES (?, ?, 'agent.turn_failed', ?, ?, ?)")
    .bind(ulid(), new Date().toISOString(), employeeId, employeeId, auditDetailJson({ turnId, error: error.slice(0, 500) }));
}
