import type { Role } from "@clawgate/contracts";
import type { Env } from "@clawgate/durable-objects";
import { ulid } from "ulid";
import { newId } from "../api/admin/org-rows.ts";
import { provisionAgent } from "../api/admin/provision.ts";
import { auditStatement } from "../audit.ts";
import { bumpConfigVersion } from "../config-version.ts";
import { ApiFailure } from "../http/errors.ts";
import type { SsoConfig } from "./oidc-config.ts";
import { SsoRejected, type SsoIdentity } from "./oidc-tokens.ts";
import { DEFAULT_LANGUAGE_SQL } from "../operations/org-settings.ts";

export interface SsoEmployee {
  id: string;
  role: Role;
}

/**
 * The employee a verified SSO identity signs in as: the one with that email (case-insensitive),
 * or — when just-in-time provisioning is configured — a new employee in the default position with
 * the default role (never admin), whose agent is provisioned like any other new employee's.
 */
export async function employeeForIdentity(env: Env, identity: SsoIdentity, provisioning: SsoConfig["provisioning"]): Promise<SsoEmployee> {
  const db = env.DB;
  const existing = await db.prepare("SELECT id, role FROM employees WHERE lower(email) = ?").bind(identity.email).first<SsoEmployee>();
  if (existing) return existing;
  if (!provisioning) throw new SsoRejected(403, "not_provisioned", "No employee has this email address; ask an administrator to add you.");

  const position = await db.prepare("SELECT department_id FROM positions WHERE id = ?").bind(provisioning.positionId).first<{ department_id: string }>();
  if (!position) throw new ApiFailure(500, "misconfigured", "SSO_DEFAULT_POSITION_ID names a position that does not exist.");
  const id = newId("emp");
  // No password: this employee signs in through the IdP only, so there is nothing to force-change.
  await db.batch([
    db
      .prepare(
        `INSERT INTO employees (id, name, employee_number, email, position_id, department_id, role, language, password_hash, must_change_password, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ${DEFAULT_LANGUAGE_SQL}, NULL, 0, ?)`,
      )
      .bind(id, identity.name ?? identity.email.split("@")[0]!, `sso-${ulid()}`, identity.email, provisioning.positionId, position.department_id, provisioning.role, new Date().toISOString()),
    bumpConfigVersion(db),
    auditStatement(db, "auth.sso_provisioned", "system", id, { positionId: provisioning.positionId, role: provisioning.role, subject: identity.subject }),
  ]);
  await provisionAgent(env, "system", id);
  return { id, role: provisioning.role };
}
