import { putBlob } from "@clawgate/durable-objects";
import { hashPassword } from "../auth/password.ts";
import type { SeedOrg } from "./types.ts";

export const DEMO_PASSWORD = "acme-demo";

/**
 * Loads a demo organisation into D1 and R2. Idempotent: a marker row makes later starts a no-op,
 * and every insert is INSERT OR IGNORE so an interrupted seed completes on the next start.
 * Only `npm run dev` enables it (DEMO_SEED); production never seeds demo users.
 */
export async function seedOrg(db: D1Database, bucket: R2Bucket, org: SeedOrg, options: { runtimeUrl: string }): Promise<boolean> {
  const marker = await db.prepare("SELECT value FROM settings WHERE key = 'seeded'").first<{ value: string }>();
  if (marker) return false;
  const now = new Date().toISOString();
  const statements: D1PreparedStatement[] = [db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('company_name', ?)").bind(org.company)];
  const layer = async (file: "SOUL" | "AGENTS", scope: string, scopeId: string, text: string) =>
    statements.push(
      db
        .prepare("INSERT OR IGNORE INTO soul_layers (file, scope, scope_id, version, sha256, author, created_at) VALUES (?, ?, ?, 1, ?, 'seed', ?)")
        .bind(file, scope, scopeId, await putBlob(bucket, text), now),
    );

  const guardrails = new Map(org.runtimes.flatMap((r) => [r.inputGuardrail, r.outputGuardrail]).flatMap((g) => (g ? [[g.id, g] as const] : [])));
  for (const g of guardrails.values()) {
    statements.push(
      db
        .prepare("INSERT OR IGNORE INTO guardrails (id, name, kind, policy, blocked_input_message, blocked_output_message, created_at, updated_at, updated_by) VALUES (?, ?, 'builtin', ?, ?, ?, ?, ?, 'seed')")
        .bind(g.id, g.name, JSON.stringify(g.policy), g.blockedInputMessage, g.blockedOutputMessage, now, now),
    );
  }
  for (const r of org.runtimes) {
    statements.push(
      db
        .prepare("INSERT OR IGNORE INTO runtimes (id, name, kind, endpoint, is_default, input_guardrail_id, output_guardrail_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(r.id, r.name, r.kind, options.runtimeUrl, r.isDefault ? 1 : 0, r.inputGuardrail?.id ?? null, r.outputGuardrail?.id ?? null, now),
    );
  }
  // Parents before children: the seed lists them in that order.
  for (const d of org.departments) {
    statements.push(db.prepare("INSERT OR IGNORE INTO departments (id, name, parent_id, role_name) VALUES (?, ?, ?, ?)").bind(d.id, d.name, d.parentId, d.roleName));
  }
  for (const p of org.positions) {
    statements.push(
      db
        .prepare("INSERT OR IGNORE INTO positions (id, name, department_id, capabilities, default_skills, runtime_id) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(p.id, p.name, p.departmentId, JSON.stringify(p.capabilities), JSON.stringify(p.defaultSkills), p.runtimeId),
    );
    await layer("SOUL", "position", p.id, p.soul);
    await layer("AGENTS", "position", p.id, p.agents);
  }
  const demoHash = await hashPassword(DEMO_PASSWORD);
  for (const e of org.employees) {
    statements.push(
      db
        .prepare(
          `INSERT OR IGNORE INTO employees (id, name, employee_number, email, position_id, department_id, role, tags, ask_about, password_hash, must_change_password, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
        )
        .bind(e.id, e.name, e.employeeNumber, e.email, e.positionId, e.departmentId, e.role, JSON.stringify(e.tags), org.askAbout[e.id] ?? "", demoHash, now),
    );
    await layer("SOUL", "personal", e.id, e.personalSoul);
  }
  await layer("SOUL", "global", "*", org.globalSoul);
  await layer("AGENTS", "global", "*", org.globalAgents);

  for (const kb of org.knowledgeBases) {
    const generated = kb.documents.length === 0 ? 1 : 0;
    statements.push(db.prepare("INSERT OR IGNORE INTO knowledge_bases (id, name, description, generated, created_at) VALUES (?, ?, ?, ?, ?)").bind(kb.id, kb.name, kb.description, generated, now));
    for (const doc of kb.documents) {
      statements.push(
        db
          .prepare("INSERT OR IGNORE INTO kb_documents (kb_id, file, title, sha256, size, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
          .bind(kb.id, doc.file, doc.title, await putBlob(bucket, doc.text), doc.text.length, now),
      );
    }
    const targets = kb.assignedTo === "everyone" ? [["everyone", "*"]] : kb.assignedTo.map((p) => ["position", p]);
    for (const [scope, scopeId] of targets) {
      statements.push(db.prepare("INSERT OR IGNORE INTO kb_assignments (kb_id, scope, scope_id) VALUES (?, ?, ?)").bind(kb.id, scope, scopeId));
    }
  }
  for (const s of org.skills) {
    statements.push(
      db
        .prepare(
          `INSERT OR IGNORE INTO skills (name, version, description, sha256, size, allowed_roles, blocked_roles, required_secrets, permissions, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'seed', ?)`,
        )
        .bind(
          s.name,
          s.version,
          s.description,
          await putBlob(bucket, s.skillMd),
          new TextEncoder().encode(s.skillMd).length,
          JSON.stringify(s.allowedRoles),
          JSON.stringify(s.blockedRoles),
          JSON.stringify(s.requiredSecrets),
          JSON.stringify(s.permissions),
          now,
        ),
    );
  }
  statements.push(db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES ('seeded', ?)").bind(now));
  await db.batch(statements);
  return true;
}
