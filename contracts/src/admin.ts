import { z } from "zod";
import { Role } from "./api.ts";

/**
 * The organisation API (`/api/admin/...`): departments, positions, employees. `.meta({id})` names
 * a schema once in the generated OpenAPI document.
 */

const Name = z.string().trim().min(1, "must not be empty").max(120);
const Ref = z.string().trim().min(1).max(64);

/** The six platform capabilities; the runtime maps each to OpenClaw tools (tool-capabilities.ts). */
export const Capability = z.enum(["web_search", "shell", "browser", "file", "file_write", "code_execution"]).meta({ id: "Capability" });
export type Capability = z.infer<typeof Capability>;

/** Department-derived role name used by skill rules, e.g. `engineering`, `finance`. */
const RoleName = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, "lowercase letters, digits, '-' or '_' (at most 32)");

/** Access roles and `management` are derived from the role itself; a tag must never impersonate one. */
const RESERVED_TAGS = ["admin", "manager", "employee", "management", "*"];
const Tag = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, "lowercase letters, digits, '-' or '_' (at most 32)")
  .refine((tag) => !RESERVED_TAGS.includes(tag), "is reserved for access roles");

const unique = <T>(items: T[]) => new Set(items).size === items.length;

export const ErrorIssue = z.object({ path: z.string(), message: z.string() });

/** Blocking dependents of a guarded delete. */
export const DeleteBlockers = z.object({ employees: z.number().int(), departments: z.number().int(), positions: z.number().int() }).meta({ id: "DeleteBlockers" });
export type DeleteBlockers = z.infer<typeof DeleteBlockers>;

/** The API error shape with its optional details: validation `issues`, delete `blockers`. */
export const ApiErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z.array(ErrorIssue).optional(),
      blockers: DeleteBlockers.optional(),
      /** A stale optimistic-concurrency version (SOUL editor): the version the resource is at now. */
      currentVersion: z.number().int().optional(),
    }),
  })
  .meta({ id: "ApiError" });

export const IdParam = z.object({ id: Ref });

/** `?force=true` (admins only) deletes dependents too; anything else is a guarded delete. */
export const DeleteQuery = z.object({ force: z.enum(["true", "false"]).optional() });

export const Department = z
  .object({
    id: z.string(),
    name: z.string(),
    parentId: z.string().nullable(),
    roleName: z.string(),
  })
  .meta({ id: "Department" });
export type Department = z.infer<typeof Department>;

export type DepartmentNode = Department & { children: DepartmentNode[] };
export const DepartmentNode: z.ZodType<DepartmentNode> = z
  .lazy(() => Department.extend({ children: z.array(DepartmentNode) }))
  .meta({ id: "DepartmentNode" });

export const DepartmentList = z.object({ departments: z.array(Department) });
export const DepartmentTree = z.object({ roots: z.array(DepartmentNode) });

export const CreateDepartment = z.object({
  name: Name,
  /** null or absent: a top-level department. */
  parentId: Ref.nullable().default(null),
  /** Defaults to the parent's role name, or for a top-level department to one derived from its name. */
  roleName: RoleName.optional(),
});
export type CreateDepartment = z.infer<typeof CreateDepartment>;

export const UpdateDepartment = z
  .object({ name: Name, parentId: Ref.nullable(), roleName: RoleName })
  .partial()
  .refine((body) => Object.keys(body).length > 0, "name at least one field to change");
export type UpdateDepartment = z.infer<typeof UpdateDepartment>;

export const Position = z
  .object({
    id: z.string(),
    name: z.string(),
    departmentId: z.string(),
    capabilities: z.array(Capability),
    defaultSkills: z.array(z.string()),
    runtimeId: z.string().nullable(),
  })
  .meta({ id: "Position" });
export type Position = z.infer<typeof Position>;

export const PositionList = z.object({ positions: z.array(Position) });

const Capabilities = z.array(Capability).max(6).refine(unique, "lists a capability twice");
const SkillNames = z.array(z.string().regex(/^[a-z0-9-]+$/, "a skill name")).max(100).refine(unique, "lists a skill twice");

export const CreatePosition = z.object({
  name: Name,
  departmentId: Ref,
  capabilities: Capabilities.default([]),
  defaultSkills: SkillNames.default([]),
  /** null: routed by the employee override or the default runtime. */
  runtimeId: Ref.nullable().default(null),
});
export type CreatePosition = z.infer<typeof CreatePosition>;

export const UpdatePosition = z
  .object({ name: Name, departmentId: Ref, capabilities: Capabilities, defaultSkills: SkillNames, runtimeId: Ref.nullable() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, "name at least one field to change");
export type UpdatePosition = z.infer<typeof UpdatePosition>;

export const Employee = z
  .object({
    id: z.string(),
    name: z.string(),
    employeeNumber: z.string(),
    email: z.string(),
    positionId: z.string(),
    departmentId: z.string(),
    role: Role,
    tags: z.array(z.string()),
    language: z.string(),
    askAbout: z.string(),
    /** True until the employee replaces their initial password. */
    mustChangePassword: z.boolean(),
    /** False for accounts that can only sign in with single sign-on. */
    hasPassword: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: "Employee" });
export type Employee = z.infer<typeof Employee>;

export const EmployeeList = z.object({
  employees: z.array(Employee),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const EmployeeListQuery = z.object({
  departmentId: Ref.optional(),
  positionId: Ref.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: Ref.optional(),
});

const EmployeeFields = {
  name: Name,
  employeeNumber: z.string().trim().min(1).max(32),
  email: z.email().max(254).transform((email) => email.toLowerCase()),
  positionId: Ref,
  departmentId: Ref,
  role: Role,
  tags: z.array(Tag).max(20).refine(unique, "lists a tag twice"),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "a language tag such as en or zh-CN"),
  askAbout: z.string().trim().max(500),
};

export const CreateEmployee = z.object({
  ...EmployeeFields,
  role: Role.default("employee"),
  tags: EmployeeFields.tags.default([]),
  /** Without one, the organisation's default language (admin settings). */
  language: EmployeeFields.language.optional(),
  askAbout: EmployeeFields.askAbout.default(""),
  /** Optional: without one the employee signs in with single sign-on only. It must be changed at first sign-in. */
  initialPassword: z.string().min(12, "must be at least 12 characters").max(256).optional(),
});
export type CreateEmployee = z.infer<typeof CreateEmployee>;

export const UpdateEmployee = z
  .object(EmployeeFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, "name at least one field to change");
export type UpdateEmployee = z.infer<typeof UpdateEmployee>;

/** Whether the new employee's agent was provisioned: identity bound and first plan built. */
export const AgentProvisioning = z
  .discriminatedUnion("status", [
    z.object({ status: z.literal("ready"), planVersion: z.string() }),
    z.object({ status: z.literal("failed"), message: z.string() }),
  ])
  .meta({ id: "AgentProvisioning" });
export type AgentProvisioning = z.infer<typeof AgentProvisioning>;

export const EmployeeCreated = z.object({ employee: Employee, agent: AgentProvisioning });

/** What a delete removed; a forced delete also lists the dependents it took with it. */
export const DeleteResult = z
  .object({ deleted: z.object({ employees: z.array(z.string()), departments: z.array(z.string()), positions: z.array(z.string()) }) })
  .meta({ id: "DeleteResult" });
export type DeleteResult = z.infer<typeof DeleteResult>;
