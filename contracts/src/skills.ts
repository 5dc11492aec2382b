import { z } from "zod";
import { Capability } from "./admin.ts";

/**
 * The skills API: the catalog of skill packages (`/api/admin/skills`), requests and approvals,
 * direct installs, the review queue of submitted packages, skill secrets (`/api/admin/skills/{name}/secrets`)
 * and the employee's own view (`/api/portal/skills`).
 *
 * A skill package is a SKILL.md (frontmatter + instructions, what OpenClaw reads) and a manifest
 * (what the platform governs with). Only catalog skills ever reach a workspace.
 */

const unique = <T>(items: T[]) => new Set(items).size === items.length;

export const SkillName = z
  .string()
  .max(48, "at most 48 characters")
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "lowercase words of letters and digits joined by single '-' (like web-search)");

export const SkillVersion = z.string().regex(/^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/, "a version such as 1.0.0");

/** A role a rule matches: a department-derived role name, employee/manager/admin, `management`, or a tag. */
const RoleName = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, "a role name: lowercase letters, digits, '-' or '_' (at most 32)");
const AllowedRole = z.union([z.literal("*"), RoleName]);

/** How the skill reads a secret from its environment, e.g. JIRA_API_TOKEN. */
export const SecretName = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, "UPPER_SNAKE_CASE (at most 64), as the skill reads it from its environment");

const INSTALL_KEYS = ["install", "installs", "scripts", "preinstall", "postinstall", "setup", "hooks", "bootstrap"];

/**
 * The manifest of a skill package. Strict: a package carries nothing the platform does not
 * govern, so install steps, scripts or hooks cannot ride along in unknown fields.
 */
export const SkillPackageManifest = z
  .strictObject(
    {
      name: SkillName,
      version: SkillVersion,
      description: z
        .string()
        .trim()
        .min(1, "must not be empty")
        .max(300, "at most 300 characters")
        .refine((d) => !/[\r\n]/.test(d), "one line: OpenClaw lists it in the skill's frontmatter"),
      /** `*` admits everyone; else any listed role admits. */
      allowedRoles: z.array(AllowedRole).min(1, "admit at least one role, or `*` for everyone").max(32).refine(unique, "lists a role twice"),
      /** Any listed role denies, whatever allowedRoles says (blocked wins). */
      blockedRoles: z.array(RoleName).max(32).refine(unique, "lists a role twice").default([]),
      /** Secrets an admin must set for the skill to work; their values are never part of the package. */
      requiredSecrets: z.array(SecretName).max(16).refine(unique, "lists a secret twice").default([]),
      /** Platform capabilities the instructions rely on. A skill never grants a tool: the position's tool policy still decides. */
      permissions: z.array(Capability).max(6).refine(unique, "lists a permission twice").default([]),
    },
    {
      error: (issue) => {
        if (issue.code !== "unrecognized_keys") return undefined;
        const keys = issue.keys as string[];
        const install = keys.filter((k) => INSTALL_KEYS.includes(k.toLowerCase()));
        return install.length
          ? `declares install steps (${install.join(", ")}): a skill package is instructions only and never runs anything when installed`
          : `unknown manifest field(s): ${keys.join(", ")}`;
      },
    },
  )
  .meta({ id: "SkillPackageManifest" });
export type SkillPackageManifest = z.infer<typeof SkillPackageManifest>;

/** Hard cap before any check runs; the review checks apply the real size limit with a clear reason. */
const SKILL_MD_HARD_CAP = 1_000_000;

export const SkillPackage = z
  .object({
    manifest: SkillPackageManifest,
    /** The full SKILL.md: frontmatter with exactly `name` and `description` (equal to the manifest's), then the instructions. */
    skillMd: z.string().min(1, "must not be empty").max(SKILL_MD_HARD_CAP, `at most ${SKILL_MD_HARD_CAP} characters`),
  })
  .meta({ id: "SkillPackage" });
export type SkillPackage = z.infer<typeof SkillPackage>;

export const SkillNameParam = z.object({ name: SkillName });

export const CatalogSkill = z
  .object({
    name: z.string(),
    version: z.string(),
    description: z.string(),
    allowedRoles: z.array(z.string()),
    blockedRoles: z.array(z.string()),
    requiredSecrets: z.array(z.string()),
    permissions: z.array(Capability),
    /** SHA-256 of the SKILL.md, as the workspace plan carries it. */
    sha256: z.string(),
    /** SKILL.md size in bytes (UTF-8). */
    size: z.number().int(),
    /** Who put it in the catalog: `seed`, an admin's id, or the submitter's id for an approved submission. */
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: "CatalogSkill" });
export type CatalogSkill = z.infer<typeof CatalogSkill>;

export const CatalogSkillList = z.object({ skills: z.array(CatalogSkill) });

export const CatalogSkillDetail = CatalogSkill.extend({
  skillMd: z.string(),
  /** Positions (in the caller's view) that assign the skill through their default skills. */
  positions: z.array(z.string()),
}).meta({ id: "CatalogSkillDetail" });
export type CatalogSkillDetail = z.infer<typeof CatalogSkillDetail>;

/** What deleting a catalog skill took with it (a forced delete unassigns and uninstalls it). */
export const SkillDeleted = z.object({ deleted: z.string(), unassignedFrom: z.array(z.string()), uninstalledFrom: z.array(z.string()) });

/** `?force=true` (admins) also unassigns the skill from positions and uninstalls it from employees. */
export const SkillDeleteQuery = z.object({ force: z.enum(["true", "false"]).optional() });

/** One automatic review check that a package failed. */
export const SkillCheckFailure = z.object({
  check: z.enum(["size", "frontmatter", "install_steps", "permissions", "secrets"]),
  message: z.string(),
});
export type SkillCheckFailure = z.infer<typeof SkillCheckFailure>;

export const SkillRejectedResponse = z
  .object({ error: z.object({ code: z.literal("skill_rejected"), message: z.string(), failures: z.array(SkillCheckFailure) }) })
  .meta({ id: "SkillRejected" });

// --- secrets -------------------------------------------------------------------------------------

export const SkillSecretParam = z.object({ name: SkillName, key: SecretName });

/** Whether a declared secret is set. The value is never returned by any API. */
export const SkillSecretStatus = z
  .object({ key: z.string(), set: z.boolean(), updatedAt: z.string().nullable(), updatedBy: z.string().nullable() })
  .meta({ id: "SkillSecretStatus" });
export type SkillSecretStatus = z.infer<typeof SkillSecretStatus>;

export const SkillSecretList = z.object({ skill: z.string(), secrets: z.array(SkillSecretStatus) });

export const SetSkillSecret = z.object({ value: z.string().min(1, "must not be empty").max(4096, "at most 4096 characters") });

// --- requests and installs -----------------------------------------------------------------------

export const DecisionStatus = z.enum(["pending", "approved", "rejected"]);

export const SkillRequest = z
  .object({
    id: z.string(),
    employeeId: z.string(),
    skill: z.string(),
    reason: z.string(),
    status: DecisionStatus,
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    /** Why it was rejected; null otherwise. */
    decisionReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "SkillRequest" });
export type SkillRequest = z.infer<typeof SkillRequest>;

export const SkillRequestList = z.object({ requests: z.array(SkillRequest) });

export const SkillRequestQuery = z.object({ status: DecisionStatus.optional(), employeeId: z.string().trim().min(1).max(64).optional() });

export const CreateSkillRequest = z.object({ skill: SkillName, reason: z.string().trim().max(500, "at most 500 characters").default("") });

export const RejectDecision = z.object({ reason: z.string().trim().min(1, "say why, so the requester knows").max(500, "at most 500 characters") });

export const SkillInstall = z
  .object({
    employeeId: z.string(),
    skill: z.string(),
    grantedBy: z.string(),
    /** The approved request it came from; null for a direct install. */
    requestId: z.string().nullable(),
    installedAt: z.string(),
  })
  .meta({ id: "SkillInstall" });
export type SkillInstall = z.infer<typeof SkillInstall>;

export const SkillInstallList = z.object({ installs: z.array(SkillInstall) });
export const SkillInstallQuery = z.object({ employeeId: z.string().trim().min(1).max(64).optional() });
export const CreateSkillInstall = z.object({ employeeId: z.string().trim().min(1).max(64), skill: SkillName });
export const SkillInstallParam = z.object({ employeeId: z.string().trim().min(1).max(64), name: SkillName });

// --- submissions ---------------------------------------------------------------------------------

export const SkillSubmission = z
  .object({
    id: z.string(),
    name: z.string(),
    version: z.string(),
    manifest: SkillPackageManifest,
    sha256: z.string(),
    size: z.number().int(),
    submittedBy: z.string(),
    status: DecisionStatus,
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "SkillSubmission" });
export type SkillSubmission = z.infer<typeof SkillSubmission>;

export const SkillSubmissionDetail = SkillSubmission.extend({ skillMd: z.string() }).meta({ id: "SkillSubmissionDetail" });
export const SkillSubmissionList = z.object({ submissions: z.array(SkillSubmission) });
export const SkillSubmissionQuery = z.object({ status: DecisionStatus.optional() });

// --- the employee's view -------------------------------------------------------------------------

/**
 * Where a catalog skill stands for the caller:
 * - `position`: assigned to their position and admitted by its role rules — in their workspace;
 * - `installed`: approved or installed for them and admitted — in their workspace;
 * - `requested`: a request is waiting for approval;
 * - `available`: admitted by the role rules; they may request it;
 * - `not_allowed`: the role rules do not admit them (a blocked role always wins); it never reaches their workspace.
 */
export const PortalSkillStatus = z.enum(["position", "installed", "requested", "available", "not_allowed"]);

export const PortalSkill = z
  .object({ name: z.string(), version: z.string(), description: z.string(), permissions: z.array(Capability), status: PortalSkillStatus })
  .meta({ id: "PortalSkill" });
export type PortalSkill = z.infer<typeof PortalSkill>;

export const PortalSkillList = z.object({ skills: z.array(PortalSkill) });
