import type { SoulChange, SoulHistory, SoulLayer, SoulLayerKind, SoulVersion } from "@clawgate/contracts";
import { putBlob, type Env } from "@clawgate/durable-objects";
import { blobKey } from "@clawgate/durable-objects/content/blobs.ts";
import { auditStatement } from "../audit.ts";
import { bumpConfigVersion } from "../config-version.ts";
import { ApiFailure } from "../http/errors.ts";

/**
 * The SOUL layers as versioned documents: each version's text is an R2 blob named by its SHA-256,
 * its metadata a `soul_layers` row (file SOUL). A change never rewrites a version; it adds the
 * next one, bumps the configuration version (so every affected agent's next turn is planned
 * afresh) and is audited as `soul.changed` — metadata only, never the text.
 */
export interface LayerRef {
  kind: SoulLayerKind;
  /** `*` for global, else the position or employee id. */
  scopeId: string;
}

export const GLOBAL_LAYER: LayerRef = { kind: "global", scopeId: "*" };

interface VersionRow {
  version: number;
  sha256: string;
  size: number | null;
  author: string;
  author_name: string | null;
  created_at: string;
}

const VERSION_SELECT = `SELECT s.version, s.sha256, s.size, s.author, e.name AS author_name, s.created_at
   FROM soul_layers s LEFT JOIN employees e ON e.id = s.author
  WHERE s.file = 'SOUL' AND s.scope = ? AND s.scope_id = ?`;

async function latestRow(db: D1Database, ref: LayerRef): Promise<VersionRow | null> {
  return db.prepare(`${VERSION_SELECT} ORDER BY s.version DESC LIMIT 1`).bind(ref.kind, ref.scopeId).first<VersionRow>();
}

async function versionRow(db: D1Database, ref: LayerRef, version: number): Promise<VersionRow> {
  const row = await db.prepare(`${VERSION_SELECT} AND s.version = ?`).bind(ref.kind, ref.scopeId, version).first<VersionRow>();
  if (!row) throw new ApiFailure(404, "not_found", `This layer has no version ${version}.`);
  return row;
}

async function blobText(bucket: R2Bucket, sha256: string): Promise<string> {
  const object = await bucket.get(blobKey(sha256));
  if (!object) throw new Error(`SOUL text ${sha256} is missing from R2`);
  return object.text();
}

/** Versions written before sizes were recorded (the seed's) are measured in R2. */
async function toVersion(bucket: R2Bucket, row: VersionRow): Promise<SoulVersion> {
  const size = row.size ?? (await bucket.head(blobKey(row.sha256)))?.size ?? 0;
  return { version: row.version, sha256: row.sha256, size, author: row.author, authorName: row.author_name, createdAt: row.created_at };
}

/** Agents whose next turn a change of the layer reaches. */
export async function affectedAgents(db: D1Database, ref: LayerRef): Promise<number> {
  if (ref.kind === "personal") return 1;
  const row =
    ref.kind === "global"
      ? await db.prepare("SELECT COUNT(*) AS n FROM employees").first<{ n: number }>()
      : await db.prepare("SELECT COUNT(*) AS n FROM employees WHERE position_id = ?").bind(ref.scopeId).first<{ n: number }>();
  return row?.n ?? 0;
}

/** The latest version (or the one asked for) with its text, and how many agents a change would reach. */
export async function readLayer(env: Env, ref: LayerRef, version?: number): Promise<SoulLayer> {
  const latest = await latestRow(env.DB, ref);
  const shown = version === undefined ? latest : await versionRow(env.DB, ref, version);
  return {
    layer: ref.kind,
    scopeId: ref.scopeId,
    currentVersion: latest?.version ?? 0,
    version: shown ? await toVersion(env.CONTENT, shown) : null,
    text: shown ? await blobText(env.CONTENT, shown.sha256) : "",
    affectedAgents: await affectedAgents(env.DB, ref),
  };
}

export async function layerHistory(env: Env, ref: LayerRef): Promise<SoulHistory> {
  const rows = await env.DB.prepare(`${VERSION_SELECT} ORDER BY s.version DESC`).bind(ref.kind, ref.scopeId).all<VersionRow>();
  return { layer: ref.kind, scopeId: ref.scopeId, versions: await Promise.all(rows.results.map((r) => toVersion(env.CONTENT, r))) };
}

/** The text of a version; version 0 is the empty text before the first one. */
export async function versionText(env: Env, ref: LayerRef, version: number): Promise<string> {
  return version === 0 ? "" : blobText(env.CONTENT, (await versionRow(env.DB, ref, version)).sha256);
}

export async function latestVersionNumber(db: D1Database, ref: LayerRef): Promise<number> {
  return (await latestRow(db, ref))?.version ?? 0;
}

function staleVersion(current: number, base: number): ApiFailure {
  return new ApiFailure(409, "stale_version", `This layer changed since version ${base}: it is at version ${current} now. Reload, re-apply your edit and save again.`, {
    currentVersion: current,
  });
}

export interface LayerWrite {
  text: string;
  /** The version the edit was made on (optimistic concurrency). */
  baseVersion: number;
  actor: string;
  /** Set when the write restores an earlier version's text. */
  revertedTo?: number;
}

/**
 * Adds the next version, unless the text equals the latest one's (then nothing is written). A
 * base version that is not the latest is a 409 carrying the current one; so is losing a race to
 * another writer of the same version (the primary key refuses the second row).
 */
export async function writeLayer(env: Env, ref: LayerRef, write: LayerWrite): Promise<SoulChange> {
  const db = env.DB;
  const latest = await latestRow(db, ref);
  const current = latest?.version ?? 0;
  if (write.baseVersion !== current) throw staleVersion(current, write.baseVersion);
  const size = new TextEncoder().encode(write.text).length;
  const affected = await affectedAgents(db, ref);
  const sha256 = await putBlob(env.CONTENT, write.text);
  const change: SoulChange = { layer: ref.kind, scopeId: ref.scopeId, changed: false, fromVersion: current, version: current, sha256, size, affectedAgents: affected };
  if (latest?.sha256 === sha256) return change;

  const version = current + 1;
  const now = new Date().toISOString();
  try {
    await db.batch([
      db
        .prepare("INSERT INTO soul_layers (file, scope, scope_id, version, sha256, author, created_at, size) VALUES ('SOUL', ?, ?, ?, ?, ?, ?, ?)")
        .bind(ref.kind, ref.scopeId, version, sha256, write.actor, now, size),
      bumpConfigVersion(db),
      auditStatement(db, "soul.changed", write.actor, ref.kind === "personal" ? ref.scopeId : null, {
        layer: ref.kind,
        scopeId: ref.scopeId,
        fromVersion: current,
        toVersion: version,
        sha256,
        size,
        affectedAgents: affected,
        ...(write.revertedTo !== undefined ? { revertedTo: write.revertedTo } : {}),
      }),
    ]);
  } catch (error) {
    if (/UNIQUE constraint failed: soul_layers/.test(error instanceof Error ? error.message : String(error))) {
      throw staleVersion(await latestVersionNumber(db, ref), write.baseVersion);
    }
    throw error;
  }
  return { ...change, changed: true, version };
}
