import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/seed/seed.ts";
import { apiRoutes } from "./api-routes.ts";
import { freshKnowledgeBase } from "./knowledge-fixtures.ts";
import { request, signInAs } from "./org-client.ts";
import { freshSkill, freshSkillEmployee, freshSkillInstall, freshSkillRequest, freshSkillSubmission, skillPackage } from "./skills-fixtures.ts";
import { seedAcme, testEnv } from "./seeded.ts";
import { freshInboxItem, freshSchedule } from "./schedules-fixtures.ts";

/**
 * Every API route × every kind of caller, against the ACME org (auth/scope.ts states the rule):
 * - anonymous: no session;
 * - employeeSelf / employeeOther: Sarah (employee, Enterprise Sales) acting on her own record / on
 *   someone else's (Carol, Finance);
 * - managerInScope / managerOutOfScope: Mike (manager of Enterprise Sales) acting inside his subtree
 *   / outside it (Finance);
 * - admin: JiaDe, acting inside Enterprise Sales.
 * A route without a row fails the last test, so every new route must say who may call it.
 */
const COLUMNS = ["anonymous", "employeeSelf", "employeeOther", "managerInScope", "managerOutOfScope", "admin"] as const;
type Column = (typeof COLUMNS)[number];

const CALLER: Record<Column, string | null> = {
  anonymous: null,
  employeeSelf: "emp-sarah",
  employeeOther: "emp-sarah",
  managerInScope: "emp-mike",
  managerOutOfScope: "emp-mike",
  admin: "emp-jiade",
};

/** Whether the column acts inside the caller's reach (their own record, their subtree, or anything for the admin). */
const inside = (column: Column) => column === "employeeSelf" || column === "managerInScope" || column === "admin";
const departmentFor = (column: Column) => (inside(column) ? "dept-sales-ent" : "dept-finance");

interface Call {
  path: string;
  body?: unknown;
}

interface Row {
  /** `METHOD /hono/path`, exactly as in `app.routes`. */
  route: string;
  /** The concrete request of one column; fixtures it needs are created fresh, so destructive calls never interfere. */
  call: (column: Column) => Call | Promise<Call>;
  /** Expected status per column, in COLUMNS order. */
  expect: [number, number, number, number, number, number];
  /** The call ends the caller's sessions (logout, logout everywhere): it gets its own, and the shared one is renewed after. */
  freshSession?: boolean;
}

const fresh = () => crypto.randomUUID().slice(0, 8);

async function freshDepartment(parentId: string): Promise<string> {
  const id = `dept-mx-${fresh()}`;
  await testEnv.DB.prepare("INSERT INTO departments (id, name, parent_id, role_name) VALUES (?, ?, ?, 'sales')").bind(id, `Matrix ${id}`, parentId).run();
  return id;
}

async function freshPosition(departmentId: string): Promise<string> {
  const id = `pos-mx-${fresh()}`;
  await testEnv.DB.prepare("INSERT INTO positions (id, name, department_id) VALUES (?, ?, ?)").bind(id, `Matrix ${id}`, departmentId).run();
  return id;
}

async function freshEmployee(departmentId: string): Promise<string> {
  const id = `emp-mx-${fresh()}`;
  await testEnv.DB.prepare(
    "INSERT INTO employees (id, name, employee_number, email, position_id, department_id, role, created_at) VALUES (?, ?, ?, ?, 'pos-ae', ?, 'employee', ?)",
  )
    .bind(id, `Matrix ${id}`, id, `${id}@acme.example`, departmentId, new Date().toISOString())
    .run();
  return id;
}

/** The employee a column acts on: Sarah herself, Carol, or a fresh one when the call changes or deletes it. */
/** A Telegram binding of the employee, as pairing leaves it in D1 (issue 6). */
async function freshChannelBinding(employeeId: string): Promise<string> {
  const id = `chb_mx_${fresh()}`;
  await testEnv.DB.prepare("INSERT INTO channel_bindings (id, channel, platform_user_id, employee_id, paired_at) VALUES (?, 'telegram', ?, ?, ?)")
    .bind(id, `mx-${fresh()}`, employeeId, new Date().toISOString())
    .run();
  return id;
}

/** Whose agent holds the thing a portal call names: the caller's own (inside), else Carol's. */
const ownerFor = (column: Column) => (inside(column) ? (CALLER[column] ?? "emp-carol") : "emp-carol");

async function employeeFor(column: Column, options: { fresh: boolean }): Promise<string> {
  if (column === "employeeSelf") return "emp-sarah";
  if (options.fresh) return freshEmployee(departmentFor(column));
  return inside(column) ? "emp-sarah" : "emp-carol";
}

const newHire = (column: Column) => {
  const n = fresh();
  return { name: `Hire ${n}`, employeeNumber: `MX-${n}`, email: `mx-${n}@acme.example`, positionId: "pos-ae", departmentId: departmentFor(column) };
};

/** The latest SOUL version of a layer, so that saves and reverts in the matrix are never stale. */
async function soulVersion(scope: string, scopeId: string): Promise<number> {
  const row = await testEnv.DB.prepare("SELECT MAX(version) AS v FROM soul_layers WHERE file = 'SOUL' AND scope = ? AND scope_id = ?").bind(scope, scopeId).first<{ v: number | null }>();
  return row?.v ?? 0;
}

/** Gives a fresh position or employee a first SOUL version (the seeded global text), to revert to. */
async function withSoul(scope: "position" | "personal", scopeId: string): Promise<string> {
  await testEnv.DB.prepare(
    "INSERT INTO soul_layers (file, scope, scope_id, version, sha256, author, created_at) SELECT 'SOUL', ?, ?, 1, sha256, 'seed', created_at FROM soul_layers WHERE file = 'SOUL' AND scope = 'global' AND version = 1",
  )
    .bind(scope, scopeId)
    .run();
  return scopeId;
}

async function freshModel(): Promise<string> {
  const id = `mx-model-${fresh()}`;
  await testEnv.DB.prepare("INSERT INTO models (id, provider, name, context_window, max_output_tokens, created_at) VALUES (?, 'openai', ?, 8192, 1024, ?)").bind(id, id, new Date().toISOString()).run();
  return id;
}

async function freshRuntime(): Promise<string> {
  const id = `rt-mx-${fresh()}`;
  await testEnv.DB.prepare("INSERT INTO runtimes (id, name, kind, endpoint, created_at) VALUES (?, ?, 'http', 'https://mx.example', ?)").bind(id, id, new Date().toISOString()).run();
  return id;
}

// prettier-ignore
const ROWS: Row[] = [
  //                                                                                                     anon  self other  m-in m-out admin
  { route: "GET /api/health", call: () => ({ path: "/api/health" }),                                     expect: [200, 200, 200, 200, 200, 200] },
  { route: "GET /api/openapi.json", call: () => ({ path: "/api/openapi.json" }),                         expect: [200, 200, 200, 200, 200, 200] },

  { route: "POST /api/auth/login", call: (col) => ({ path: "/api/auth/login", body: { employeeId: CALLER[col] ?? "emp-sarah", password: DEMO_PASSWORD } }),
                                                                                                         expect: [200, 200, 200, 200, 200, 200] },
  // First-run setup: open to anyone, closed for good once an admin exists (the seeded org has admins).
  { route: "GET /api/auth/setup", call: () => ({ path: "/api/auth/setup" }),                             expect: [200, 200, 200, 200, 200, 200] },
  { route: "POST /api/auth/setup", call: () => ({ path: "/api/auth/setup", body: { setupToken: "test-setup-token-0123456789abcdef0123456789", employeeId: "it-first", name: "First", email: "first@acme.example", password: "Correct-Horse-9-Battery" } }),
                                                                                                         expect: [409, 409, 409, 409, 409, 409] },
  { route: "POST /api/auth/logout", call: () => ({ path: "/api/auth/logout", body: {} }), freshSession: true,
                                                                                                         expect: [204, 204, 204, 204, 204, 204] },
  { route: "POST /api/auth/logout-all", call: () => ({ path: "/api/auth/logout-all", body: {} }), freshSession: true,
                                                                                                         expect: [401, 204, 204, 204, 204, 204] },
  { route: "GET /api/auth/me", call: () => ({ path: "/api/auth/me" }),                                   expect: [401, 200, 200, 200, 200, 200] },
  // An invalid body: a signed-in caller gets past the gate to validation (400) without changing a password.
  { route: "POST /api/auth/password", call: () => ({ path: "/api/auth/password", body: {} }),            expect: [401, 400, 400, 400, 400, 400] },
  // Single sign-on is not configured in tests: the same answer for everyone.
  { route: "GET /api/auth/sso", call: () => ({ path: "/api/auth/sso" }),                                 expect: [200, 200, 200, 200, 200, 200] },
  { route: "GET /api/auth/sso/start", call: () => ({ path: "/api/auth/sso/start" }),                     expect: [404, 404, 404, 404, 404, 404] },
  { route: "GET /api/auth/sso/callback", call: () => ({ path: "/api/auth/sso/callback?state=x&code=y" }), expect: [404, 404, 404, 404, 404, 404] },

  // The portal acts on the caller's own agent only; an empty message stops at validation, before any turn runs.
  { route: "POST /api/portal/chat", call: () => ({ path: "/api/portal/chat", body: { message: "" } }),   expect: [401, 400, 400, 400, 400, 400] },
  { route: "GET /api/portal/transcript", call: () => ({ path: "/api/portal/transcript" }),               expect: [401, 200, 200, 200, 200, 200] },

  // Digital twin and playground (issue 7): the twin is always the caller's own; its public chat needs
  // no session, only a live token (an unknown one is 404 for everyone); the playground follows scope,
  // and an empty message stops at validation before any turn runs.
  { route: "GET /api/portal/twin", call: () => ({ path: "/api/portal/twin" }),                           expect: [401, 200, 200, 200, 200, 200] },
  { route: "POST /api/portal/twin", call: async (col) => ({ path: "/api/portal/twin", body: await twinSwitched(col, false) }),
                                                                                                         expect: [401, 201, 201, 201, 201, 201] },
  { route: "POST /api/portal/twin/regenerate", call: async (col) => ({ path: "/api/portal/twin/regenerate", body: await twinSwitched(col, true) }),
                                                                                                         expect: [401, 201, 201, 201, 201, 201] },
  { route: "DELETE /api/portal/twin", call: () => ({ path: "/api/portal/twin" }),                        expect: [401, 200, 200, 200, 200, 200] },
  { route: "GET /api/portal/twin/conversations", call: () => ({ path: "/api/portal/twin/conversations" }), expect: [401, 200, 200, 200, 200, 200] },
  { route: "POST /api/public/twin/:token/chat", call: () => ({ path: "/api/public/twin/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/chat", body: { message: "hi" } }),
                                                                                                         expect: [404, 404, 404, 404, 404, 404] },
  { route: "POST /api/admin/playground/:id/chat", call: async (col) => ({ path: `/api/admin/playground/${await employeeFor(col, { fresh: false })}/chat`, body: { message: "" } }),
                                                                                                         expect: [401, 403, 403, 400, 400, 400] },
  { route: "GET /api/admin/playground/:id/pipeline", call: async (col) => ({ path: `/api/admin/playground/${await employeeFor(col, { fresh: false })}/pipeline` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  // IT admin assistant (issue 7): admins only, managers included in the refusal; an empty message
  // stops at validation before any tool runs; history is always the caller's own.
  { route: "POST /api/admin/assistant/chat", call: () => ({ path: "/api/admin/assistant/chat", body: { message: "" } }),
                                                                                                         expect: [401, 403, 403, 403, 403, 400] },
  { route: "GET /api/admin/assistant/history", call: () => ({ path: "/api/admin/assistant/history" }),  expect: [401, 403, 403, 403, 403, 200] },
  { route: "DELETE /api/admin/assistant/history", call: () => ({ path: "/api/admin/assistant/history" }), expect: [401, 403, 403, 403, 403, 200] },

  // Operations (issue 9): dashboard and monitor are scoped reads for staff; the settings are the admins'
  // (managers 403 before validation). The PATCH sets the value already in force, so it changes nothing.
  { route: "GET /api/admin/dashboard", call: () => ({ path: "/api/admin/dashboard" }),                   expect: [401, 403, 403, 200, 200, 200] },
  { route: "GET /api/admin/monitor", call: () => ({ path: "/api/admin/monitor" }),                       expect: [401, 403, 403, 200, 200, 200] },
  { route: "GET /api/admin/settings", call: () => ({ path: "/api/admin/settings" }),                     expect: [401, 403, 403, 403, 403, 200] },
  { route: "PATCH /api/admin/settings", call: () => ({ path: "/api/admin/settings", body: { defaultLanguage: "en" } }),
                                                                                                         expect: [401, 403, 403, 403, 403, 200] },

  // IM channels (issue 6): always the caller's own pairing and accounts; another's binding id is 404.
  { route: "POST /api/portal/channels/:channel/pairing", call: () => ({ path: "/api/portal/channels/telegram/pairing", body: {} }),
                                                                                                         expect: [401, 200, 200, 200, 200, 200] },
  { route: "GET /api/portal/channels", call: () => ({ path: "/api/portal/channels" }),                   expect: [401, 200, 200, 200, 200, 200] },
  { route: "DELETE /api/portal/channels/:channel/bindings/:id", call: async (col) => ({ path: `/api/portal/channels/telegram/bindings/${await freshChannelBinding(inside(col) ? (CALLER[col] ?? "emp-carol") : "emp-carol")}` }),
                                                                                                         expect: [401, 204, 404, 204, 404, 204] },
  { route: "GET /api/admin/channels", call: () => ({ path: "/api/admin/channels" }),                     expect: [401, 403, 403, 403, 403, 200] },
  { route: "GET /api/admin/channels/:channel/bindings", call: () => ({ path: "/api/admin/channels/telegram/bindings" }),
                                                                                                         expect: [401, 403, 403, 200, 200, 200] },
  { route: "DELETE /api/admin/channels/:channel/bindings/:id", call: async () => ({ path: `/api/admin/channels/telegram/bindings/${await freshChannelBinding("emp-carol")}` }),
                                                                                                         expect: [401, 403, 403, 403, 403, 204] },
  { route: "DELETE /api/admin/channels/:channel/bindings", call: () => ({ path: "/api/admin/channels/feishu/bindings" }),
                                                                                                         expect: [401, 403, 403, 403, 403, 200] },
  // Scheduled tasks and the inbox (issue 8): the portal acts on the caller's own agent, so another's
  // schedule or inbox item id is 404; admins and managers read one employee's schedules in scope.
  { route: "GET /api/portal/schedules", call: () => ({ path: "/api/portal/schedules" }),                 expect: [401, 200, 200, 200, 200, 200] },
  ...(["pause", "resume"] as const).map((action) => ({
    route: `POST /api/portal/schedules/:id/${action}`,
    call: async (col: Column) => ({ path: `/api/portal/schedules/${await freshSchedule(ownerFor(col))}/${action}`, body: {} }),
    expect: [401, 200, 404, 200, 404, 200] as Row["expect"],
  })),
  { route: "DELETE /api/portal/schedules/:id", call: async (col) => ({ path: `/api/portal/schedules/${await freshSchedule(ownerFor(col))}` }),
                                                                                                         expect: [401, 204, 404, 204, 404, 204] },
  { route: "GET /api/portal/inbox", call: () => ({ path: "/api/portal/inbox" }),                         expect: [401, 200, 200, 200, 200, 200] },
  { route: "POST /api/portal/inbox/:id/read", call: async (col) => ({ path: `/api/portal/inbox/${await freshInboxItem(ownerFor(col))}/read`, body: {} }),
                                                                                                         expect: [401, 204, 404, 204, 404, 204] },
  { route: "GET /api/admin/schedules", call: async (col) => ({ path: `/api/admin/schedules?employeeId=${await employeeFor(col, { fresh: false })}` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  // Memory and heartbeat (issue 8): always the caller's own agent; there is no way to name another's.
  { route: "GET /api/portal/memory", call: () => ({ path: "/api/portal/memory" }),                       expect: [401, 200, 200, 200, 200, 200] },
  { route: "PUT /api/portal/memory/:name", call: () => ({ path: "/api/portal/memory/USER.md", body: { text: `Prefers mornings ${fresh()}` } }),
                                                                                                         expect: [401, 200, 200, 200, 200, 200] },
  { route: "GET /api/portal/heartbeat", call: () => ({ path: "/api/portal/heartbeat" }),                 expect: [401, 200, 200, 200, 200, 200] },
  { route: "PUT /api/portal/heartbeat", call: () => ({ path: "/api/portal/heartbeat", body: { enabled: false, everyMinutes: 60 } }),
                                                                                                         expect: [401, 200, 200, 200, 200, 200] },
  { route: "GET /api/runtime-info", call: () => ({ path: "/api/runtime-info" }),                         expect: [401, 200, 200, 200, 200, 200] },

  { route: "GET /api/admin/departments", call: () => ({ path: "/api/admin/departments" }),               expect: [401, 403, 403, 200, 200, 200] },
  { route: "GET /api/admin/departments/tree", call: () => ({ path: "/api/admin/departments/tree" }),     expect: [401, 403, 403, 200, 200, 200] },
  { route: "POST /api/admin/departments", call: (col) => ({ path: "/api/admin/departments", body: { name: `New ${fresh()}`, parentId: departmentFor(col) } }),
                                                                                                         expect: [401, 403, 403, 403, 403, 201] },
  { route: "GET /api/admin/departments/:id", call: (col) => ({ path: `/api/admin/departments/${departmentFor(col)}` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "PATCH /api/admin/departments/:id", call: async (col) => ({ path: `/api/admin/departments/${await freshDepartment(departmentFor(col))}`, body: { name: "Renamed" } }),
                                                                                                         expect: [401, 403, 403, 403, 404, 200] },
  { route: "DELETE /api/admin/departments/:id", call: async (col) => ({ path: `/api/admin/departments/${await freshDepartment(departmentFor(col))}` }),
                                                                                                         expect: [401, 403, 403, 403, 404, 200] },

  { route: "GET /api/admin/positions", call: () => ({ path: "/api/admin/positions" }),                   expect: [401, 403, 403, 200, 200, 200] },
  { route: "POST /api/admin/positions", call: (col) => ({ path: "/api/admin/positions", body: { name: `New ${fresh()}`, departmentId: departmentFor(col) } }),
                                                                                                         expect: [401, 403, 403, 403, 403, 201] },
  { route: "GET /api/admin/positions/:id", call: async (col) => ({ path: `/api/admin/positions/${await freshPosition(departmentFor(col))}` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "PATCH /api/admin/positions/:id", call: async (col) => ({ path: `/api/admin/positions/${await freshPosition(departmentFor(col))}`, body: { name: "Renamed" } }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "DELETE /api/admin/positions/:id", call: async (col) => ({ path: `/api/admin/positions/${await freshPosition(departmentFor(col))}` }),
                                                                                                         expect: [401, 403, 403, 403, 404, 200] },

  { route: "GET /api/admin/employees", call: () => ({ path: "/api/admin/employees" }),                   expect: [401, 403, 403, 200, 200, 200] },
  // Out of scope, the department in the body reads as unknown: 400, like a department that does not exist.
  { route: "POST /api/admin/employees", call: (col) => ({ path: "/api/admin/employees", body: newHire(col) }),
                                                                                                         expect: [401, 403, 403, 201, 400, 201] },
  { route: "GET /api/admin/employees/:id", call: async (col) => ({ path: `/api/admin/employees/${await employeeFor(col, { fresh: false })}` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "PATCH /api/admin/employees/:id", call: async (col) => ({ path: `/api/admin/employees/${await employeeFor(col, { fresh: true })}`, body: { askAbout: "matrix" } }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "DELETE /api/admin/employees/:id", call: async (col) => ({ path: `/api/admin/employees/${await employeeFor(col, { fresh: true })}` }),
                                                                                                         expect: [401, 403, 403, 403, 404, 200] },

  // Knowledge bases (issue 5, knowledge/kb-access.ts): a manager works on the ones they hold (Mike holds
  // kb-cases through Account Executive, not kb-finance) and assigns within his subtree; the portal reads
  // the caller's own. Fresh knowledge bases are held through Account Executive (inside) or Finance Analyst.
  { route: "GET /api/admin/knowledge-bases", call: () => ({ path: "/api/admin/knowledge-bases" }),       expect: [401, 403, 403, 200, 200, 200] },
  { route: "POST /api/admin/knowledge-bases", call: () => ({ path: "/api/admin/knowledge-bases", body: { name: `KB ${fresh()}` } }),
                                                                                                         expect: [401, 403, 403, 403, 403, 201] },
  { route: "GET /api/admin/knowledge-bases/:id", call: (col) => ({ path: `/api/admin/knowledge-bases/${heldKb(col)}` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "PATCH /api/admin/knowledge-bases/:id", call: async (col) => ({ path: `/api/admin/knowledge-bases/${await freshKnowledgeBase([holderFor(col)])}`, body: { name: "Renamed" } }),
                                                                                                         expect: [401, 403, 403, 403, 404, 200] },
  { route: "DELETE /api/admin/knowledge-bases/:id", call: async (col) => ({ path: `/api/admin/knowledge-bases/${await freshKnowledgeBase([holderFor(col)])}` }),
                                                                                                         expect: [401, 403, 403, 403, 404, 200] },
  // The matrix sends JSON: an admin passes every gate and stops at the media type (415), nothing stored.
  { route: "PUT /api/admin/knowledge-bases/:id/documents/:file", call: async (col) => ({ path: `/api/admin/knowledge-bases/${await freshKnowledgeBase([holderFor(col)])}/documents/new.md`, body: "# New" }),
                                                                                                         expect: [401, 403, 403, 403, 404, 415] },
  { route: "GET /api/admin/knowledge-bases/:id/documents/:file", call: (col) => ({ path: `/api/admin/knowledge-bases/${heldKbDocument(col)}` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "DELETE /api/admin/knowledge-bases/:id/documents/:file", call: async (col) => ({ path: `/api/admin/knowledge-bases/${await freshKnowledgeBase([holderFor(col)], { document: "doc.md" })}/documents/doc.md` }),
                                                                                                         expect: [401, 403, 403, 403, 404, 204] },
  { route: "POST /api/admin/knowledge-bases/:id/assignments", call: async (col) => ({ path: `/api/admin/knowledge-bases/${heldKb(col)}/assignments`, body: { scope: "position", targetId: await freshPosition(departmentFor(col)) } }),
                                                                                                         expect: [401, 403, 403, 201, 404, 201] },
  { route: "DELETE /api/admin/knowledge-bases/:id/assignments/:scope/:targetId", call: async (col) => {
      const position = await freshPosition(departmentFor(col));
      return { path: `/api/admin/knowledge-bases/${await freshKnowledgeBase([holderFor(col), position])}/assignments/position/${position}` };
    },                                                                                                   expect: [401, 403, 403, 204, 404, 204] },
  { route: "GET /api/portal/knowledge", call: () => ({ path: "/api/portal/knowledge" }),                 expect: [401, 200, 200, 200, 200, 200] },
  { route: "GET /api/portal/knowledge/:id/documents/:file", call: (col) => ({ path: `/api/portal/knowledge/${heldKbDocument(col)}` }),
                                                                                                         expect: [401, 200, 404, 200, 404, 200] },

  // Audit, usage & cost, pricing, budgets (issue 5). Admins change pricing and budgets; managers read their subtree's.
  { route: "GET /api/admin/audit", call: async (col) => ({ path: `/api/admin/audit?employeeId=${await employeeFor(col, { fresh: false })}` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "GET /api/admin/audit/export", call: async (col) => ({ path: `/api/admin/audit/export?format=csv&from=2099-01-01&employeeId=${await employeeFor(col, { fresh: false })}` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "GET /api/admin/audit/insights", call: () => ({ path: "/api/admin/audit/insights" }),         expect: [401, 403, 403, 200, 200, 200] },
  { route: "GET /api/admin/usage", call: (col) => ({ path: `/api/admin/usage?groupBy=employee&departmentId=${departmentFor(col)}` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "GET /api/admin/pricing", call: () => ({ path: "/api/admin/pricing" }),                       expect: [401, 403, 403, 200, 200, 200] },
  { route: "PUT /api/admin/pricing/:id", call: () => {
      const id = `mx-${fresh()}`;
      return { path: `/api/admin/pricing/${id}`, body: { name: id, pattern: `*${id}*`, inputUsdPerMTok: 1, outputUsdPerMTok: 2 } };
    },                                                                                                   expect: [401, 403, 403, 403, 403, 200] },
  { route: "DELETE /api/admin/pricing/:id", call: async () => {
      const id = `mx-${fresh()}`;
      await testEnv.DB.prepare("INSERT INTO model_prices (id, name, pattern, input_usd_per_mtok, output_usd_per_mtok, updated_at, updated_by) VALUES (?, ?, ?, 1, 1, '', 'matrix')").bind(id, id, `*${id}*`).run();
      return { path: `/api/admin/pricing/${id}` };
    },                                                                                                   expect: [401, 403, 403, 403, 403, 200] },
  { route: "GET /api/admin/budgets", call: () => ({ path: "/api/admin/budgets" }),                       expect: [401, 403, 403, 200, 200, 200] },
  { route: "POST /api/admin/budgets", call: async (col) => ({ path: "/api/admin/budgets", body: { scope: "employee", scopeId: await freshEmployee(departmentFor(col)), monthlyLimitUsd: 25 } }),
                                                                                                         expect: [401, 403, 403, 403, 403, 201] },
  ...(["PATCH", "DELETE"] as const).map((method): Row => ({
    route: `${method} /api/admin/budgets/:id`,
    call: async (col) => {
      const id = `bud-mx-${fresh()}`;
      await testEnv.DB.prepare("INSERT INTO budgets (id, scope, scope_id, monthly_limit_usd, created_at, updated_at, updated_by) VALUES (?, 'employee', ?, 10, '', '', 'matrix')")
        .bind(id, await freshEmployee(departmentFor(col))).run();
      return { path: `/api/admin/budgets/${id}`, body: method === "PATCH" ? { monthlyLimitUsd: 20 } : undefined };
    },                                                                                                   expect: [401, 403, 403, 403, 404, 200] })),
  { route: "POST /api/admin/budgets/exceptions", call: async (col) => ({ path: "/api/admin/budgets/exceptions",
      body: { employeeId: await employeeFor(col, { fresh: false }), reason: "matrix", expiresAt: new Date(Date.now() + 86_400_000).toISOString() } }),
                                                                                                         expect: [401, 403, 403, 403, 403, 201] },
  { route: "DELETE /api/admin/budgets/exceptions/:id", call: async (col) => {
      const id = `bex-mx-${fresh()}`;
      await testEnv.DB.prepare("INSERT INTO budget_exceptions (id, employee_id, reason, granted_by, granted_at, expires_at) VALUES (?, ?, 'matrix', 'emp-jiade', '2020-01-01', '2999-01-01')")
        .bind(id, await freshEmployee(departmentFor(col))).run();
      return { path: `/api/admin/budgets/exceptions/${id}` };
    },                                                                                                   expect: [401, 403, 403, 403, 404, 200] },
  { route: "GET /api/admin/budgets/employees/:id", call: async (col) => ({ path: `/api/admin/budgets/employees/${await employeeFor(col, { fresh: false })}` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "GET /api/portal/usage", call: () => ({ path: "/api/portal/usage" }),                         expect: [401, 200, 200, 200, 200, 200] },
  // Skills (issue 5, api/admin/skills*.ts, api/portal/skills.ts): admins own the catalog, its secrets and the review queue;
  // managers read the catalog and decide requests and installs for their subtree (never their own); the portal is the caller's own.
  { route: "GET /api/admin/skills", call: () => ({ path: "/api/admin/skills" }),                         expect: [401, 403, 403, 200, 200, 200] },
  { route: "POST /api/admin/skills", call: () => ({ path: "/api/admin/skills", body: skillPackage(`mx-new-${fresh()}`) }),
                                                                                                         expect: [401, 403, 403, 403, 403, 201] },
  { route: "GET /api/admin/skills/:name", call: () => ({ path: "/api/admin/skills/github" }),            expect: [401, 403, 403, 200, 200, 200] },
  { route: "PUT /api/admin/skills/:name", call: async () => {
      const name = await freshSkill();
      return { path: `/api/admin/skills/${name}`, body: skillPackage(name, { version: "2.0.0" }) };
    },                                                                                                   expect: [401, 403, 403, 403, 403, 200] },
  { route: "DELETE /api/admin/skills/:name", call: async () => ({ path: `/api/admin/skills/${await freshSkill()}` }),
                                                                                                         expect: [401, 403, 403, 403, 403, 200] },
  { route: "GET /api/admin/skills/:name/secrets", call: () => ({ path: "/api/admin/skills/jira-query/secrets" }),
                                                                                                         expect: [401, 403, 403, 403, 403, 200] },
  { route: "PUT /api/admin/skills/:name/secrets/:key", call: () => ({ path: "/api/admin/skills/jira-query/secrets/JIRA_API_TOKEN", body: { value: "matrix-secret" } }),
                                                                                                         expect: [401, 403, 403, 403, 403, 200] },
  { route: "DELETE /api/admin/skills/:name/secrets/:key", call: () => ({ path: "/api/admin/skills/jira-query/secrets/JIRA_API_TOKEN" }),
                                                                                                         expect: [401, 403, 403, 403, 403, 200] },
  { route: "GET /api/admin/skill-requests", call: () => ({ path: "/api/admin/skill-requests" }),         expect: [401, 403, 403, 200, 200, 200] },
  { route: "POST /api/admin/skill-requests/:id/approve", call: async (col) => ({ path: `/api/admin/skill-requests/${await freshSkillRequest(departmentFor(col))}/approve`, body: {} }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "POST /api/admin/skill-requests/:id/reject", call: async (col) => ({ path: `/api/admin/skill-requests/${await freshSkillRequest(departmentFor(col))}/reject`, body: { reason: "matrix" } }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "GET /api/admin/skill-installs", call: () => ({ path: "/api/admin/skill-installs" }),         expect: [401, 403, 403, 200, 200, 200] },
  // Out of scope, the employee in the body reads as unknown: 400.
  { route: "POST /api/admin/skill-installs", call: async (col) => ({ path: "/api/admin/skill-installs", body: { employeeId: await freshSkillEmployee(departmentFor(col)), skill: "deep-research" } }),
                                                                                                         expect: [401, 403, 403, 201, 400, 201] },
  { route: "DELETE /api/admin/skill-installs/:employeeId/:name", call: async (col) => ({ path: `/api/admin/skill-installs/${await freshSkillInstall(departmentFor(col))}/deep-research` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "GET /api/admin/skill-submissions", call: () => ({ path: "/api/admin/skill-submissions" }),   expect: [401, 403, 403, 403, 403, 200] },
  { route: "GET /api/admin/skill-submissions/:id", call: async () => ({ path: `/api/admin/skill-submissions/${await freshSkillSubmission()}` }),
                                                                                                         expect: [401, 403, 403, 403, 403, 200] },
  { route: "POST /api/admin/skill-submissions/:id/approve", call: async () => ({ path: `/api/admin/skill-submissions/${await freshSkillSubmission()}/approve`, body: {} }),
                                                                                                         expect: [401, 403, 403, 403, 403, 200] },
  { route: "POST /api/admin/skill-submissions/:id/reject", call: async () => ({ path: `/api/admin/skill-submissions/${await freshSkillSubmission()}/reject`, body: { reason: "matrix" } }),
                                                                                                         expect: [401, 403, 403, 403, 403, 200] },
  { route: "GET /api/portal/skills", call: () => ({ path: "/api/portal/skills" }),                       expect: [401, 200, 200, 200, 200, 200] },
  { route: "GET /api/portal/skills/requests", call: () => ({ path: "/api/portal/skills/requests" }),     expect: [401, 200, 200, 200, 200, 200] },
  // Empty bodies stop at validation: nothing is requested or submitted.
  { route: "POST /api/portal/skills/requests", call: () => ({ path: "/api/portal/skills/requests", body: {} }),
                                                                                                         expect: [401, 400, 400, 400, 400, 400] },
  { route: "GET /api/portal/skills/submissions", call: () => ({ path: "/api/portal/skills/submissions" }),
                                                                                                         expect: [401, 200, 200, 200, 200, 200] },
  { route: "POST /api/portal/skills/submissions", call: () => ({ path: "/api/portal/skills/submissions", body: {} }),
                                                                                                         expect: [401, 400, 400, 400, 400, 400] },

  // SOUL editor: global (admins change it, managers read it), position and personal layers by scope; employees use the portal.
  { route: "GET /api/admin/soul/global", call: () => ({ path: "/api/admin/soul/global" }),               expect: [401, 403, 403, 200, 200, 200] },
  { route: "GET /api/admin/soul/global/versions", call: () => ({ path: "/api/admin/soul/global/versions" }), expect: [401, 403, 403, 200, 200, 200] },
  { route: "GET /api/admin/soul/global/diff", call: () => ({ path: "/api/admin/soul/global/diff" }),     expect: [401, 403, 403, 200, 200, 200] },
  { route: "PUT /api/admin/soul/global", call: async () => ({ path: "/api/admin/soul/global", body: { text: `Global ${fresh()}`, baseVersion: await soulVersion("global", "*") } }),
                                                                                                         expect: [401, 403, 403, 403, 403, 200] },
  { route: "POST /api/admin/soul/global/revert", call: async () => ({ path: "/api/admin/soul/global/revert", body: { version: 1, baseVersion: await soulVersion("global", "*") } }),
                                                                                                         expect: [401, 403, 403, 403, 403, 200] },
  { route: "GET /api/admin/positions/:id/soul", call: async (col) => ({ path: `/api/admin/positions/${await freshPosition(departmentFor(col))}/soul` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "GET /api/admin/positions/:id/soul/versions", call: async (col) => ({ path: `/api/admin/positions/${await freshPosition(departmentFor(col))}/soul/versions` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "GET /api/admin/positions/:id/soul/diff", call: (col) => ({ path: `/api/admin/positions/${inside(col) ? "pos-ae" : "pos-fa"}/soul/diff` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "PUT /api/admin/positions/:id/soul", call: async (col) => ({ path: `/api/admin/positions/${await freshPosition(departmentFor(col))}/soul`, body: { text: "Matrix", baseVersion: 0 } }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "POST /api/admin/positions/:id/soul/revert", call: async (col) => ({ path: `/api/admin/positions/${await withSoul("position", await freshPosition(departmentFor(col)))}/soul/revert`, body: { version: 1, baseVersion: 1 } }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "GET /api/admin/employees/:id/soul", call: async (col) => ({ path: `/api/admin/employees/${await employeeFor(col, { fresh: false })}/soul` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "GET /api/admin/employees/:id/soul/versions", call: async (col) => ({ path: `/api/admin/employees/${await employeeFor(col, { fresh: false })}/soul/versions` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "GET /api/admin/employees/:id/soul/diff", call: async (col) => ({ path: `/api/admin/employees/${await employeeFor(col, { fresh: false })}/soul/diff` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "PUT /api/admin/employees/:id/soul", call: async (col) => ({ path: `/api/admin/employees/${await employeeFor(col, { fresh: true })}/soul`, body: { text: "Matrix", baseVersion: 0 } }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "POST /api/admin/employees/:id/soul/revert", call: async (col) => ({ path: `/api/admin/employees/${col === "employeeSelf" ? "emp-sarah" : await withSoul("personal", await employeeFor(col, { fresh: true }))}/soul/revert`, body: { version: 1, baseVersion: 1 } }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "GET /api/portal/soul", call: () => ({ path: "/api/portal/soul" }),                           expect: [401, 200, 200, 200, 200, 200] },
  { route: "GET /api/portal/soul/versions", call: () => ({ path: "/api/portal/soul/versions" }),         expect: [401, 200, 200, 200, 200, 200] },
  { route: "GET /api/portal/soul/diff", call: () => ({ path: "/api/portal/soul/diff" }),                 expect: [401, 200, 200, 200, 200, 200] },
  { route: "PUT /api/portal/soul", call: async (col) => ({ path: "/api/portal/soul", body: { text: `Mine ${fresh()}`, baseVersion: await soulVersion("personal", CALLER[col] ?? "") } }),
                                                                                                         expect: [401, 200, 200, 200, 200, 200] },
  { route: "POST /api/portal/soul/revert", call: async (col) => ({ path: "/api/portal/soul/revert", body: { version: 1, baseVersion: await soulVersion("personal", CALLER[col] ?? "") } }),
                                                                                                         expect: [401, 200, 200, 200, 200, 200] },

  // Agent configuration and the available models.
  { route: "GET /api/admin/agents", call: () => ({ path: "/api/admin/agents" }),                         expect: [401, 403, 403, 200, 200, 200] },
  { route: "GET /api/admin/positions/:id/agent-config", call: async (col) => ({ path: `/api/admin/positions/${await freshPosition(departmentFor(col))}/agent-config` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "PATCH /api/admin/positions/:id/agent-config", call: async (col) => ({ path: `/api/admin/positions/${await freshPosition(departmentFor(col))}/agent-config`, body: { compaction: "safeguard" } }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "GET /api/admin/employees/:id/agent-config", call: async (col) => ({ path: `/api/admin/employees/${await employeeFor(col, { fresh: false })}/agent-config` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "PATCH /api/admin/employees/:id/agent-config", call: async (col) => ({ path: `/api/admin/employees/${await employeeFor(col, { fresh: true })}/agent-config`, body: { language: "de" } }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "GET /api/admin/models", call: () => ({ path: "/api/admin/models" }),                         expect: [401, 403, 403, 200, 200, 200] },
  { route: "POST /api/admin/models", call: () => ({ path: "/api/admin/models", body: { id: `mx-${fresh()}`, provider: "openai", name: "Matrix", contextWindow: 8192, maxOutputTokens: 1024 } }),
                                                                                                         expect: [401, 403, 403, 403, 403, 201] },
  { route: "DELETE /api/admin/models/:id", call: async () => ({ path: `/api/admin/models/${await freshModel()}` }),
                                                                                                         expect: [401, 403, 403, 403, 403, 200] },

  // Runtimes (admins change them, managers see them), per-employee routing, the route explanation and "apply now".
  { route: "GET /api/admin/runtimes", call: () => ({ path: "/api/admin/runtimes" }),                     expect: [401, 403, 403, 200, 200, 200] },
  { route: "POST /api/admin/runtimes", call: () => ({ path: "/api/admin/runtimes", body: { name: `Matrix ${fresh()}`, kind: "http", endpoint: "https://mx.example" } }),
                                                                                                         expect: [401, 403, 403, 403, 403, 201] },
  { route: "GET /api/admin/runtimes/:id", call: () => ({ path: "/api/admin/runtimes/rt-executive" }),   expect: [401, 403, 403, 200, 200, 200] },
  { route: "PATCH /api/admin/runtimes/:id", call: async () => ({ path: `/api/admin/runtimes/${await freshRuntime()}`, body: { name: "Renamed" } }),
                                                                                                         expect: [401, 403, 403, 403, 403, 200] },
  { route: "DELETE /api/admin/runtimes/:id", call: async () => ({ path: `/api/admin/runtimes/${await freshRuntime()}` }),
                                                                                                         expect: [401, 403, 403, 403, 403, 200] },
  { route: "GET /api/admin/employees/:id/routing", call: async (col) => ({ path: `/api/admin/employees/${await employeeFor(col, { fresh: false })}/routing` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "PATCH /api/admin/employees/:id/routing", call: async (col) => ({ path: `/api/admin/employees/${await employeeFor(col, { fresh: true })}/routing`, body: { runtimeId: "rt-standard" } }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "GET /api/admin/employees/:id/route", call: async (col) => ({ path: `/api/admin/employees/${await employeeFor(col, { fresh: false })}/route` }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },
  { route: "POST /api/admin/config/apply", call: async (col) => ({ path: "/api/admin/config/apply", body: { scope: "employee", id: await employeeFor(col, { fresh: false }) } }),
                                                                                                         expect: [401, 403, 403, 200, 404, 200] },

  // Guardrails (issue 5, api/admin/guardrails.ts): admins only, reads included.
  { route: "GET /api/admin/guardrails", call: () => ({ path: "/api/admin/guardrails" }),                 expect: [401, 403, 403, 403, 403, 200] },
  { route: "POST /api/admin/guardrails", call: () => ({ path: "/api/admin/guardrails", body: { name: `Matrix ${fresh()}`, kind: "builtin", blockedInputMessage: "no", blockedOutputMessage: "no", policy: {} } }),
                                                                                                         expect: [401, 403, 403, 403, 403, 201] },
  ...(["GET", "PATCH", "DELETE"] as const).map((method) => ({
    route: `${method} /api/admin/guardrails/:id`,
    call: async () => ({ path: `/api/admin/guardrails/${await freshGuardrail()}`, body: method === "PATCH" ? { name: `Matrix ${fresh()}` } : undefined }),
    expect: [401, 403, 403, 403, 403, 200] as Row["expect"],
  })),
  { route: "GET /api/admin/runtimes/:id/guardrails", call: () => ({ path: "/api/admin/runtimes/rt-executive/guardrails" }),
                                                                                                         expect: [401, 403, 403, 403, 403, 200] },
  { route: "PUT /api/admin/runtimes/:id/guardrails", call: async () => ({ path: `/api/admin/runtimes/${await freshRuntime()}/guardrails`, body: { inputGuardrailId: await freshGuardrail(), outputGuardrailId: null, strict: true } }),
                                                                                                         expect: [401, 403, 403, 403, 403, 200] },
];

/** Puts the column's caller's twin on (with a random token hash) or off in D1 before the call; the body is empty. */
async function twinSwitched(column: Column, on: boolean): Promise<object> {
  const employeeId = CALLER[column] ?? "emp-sarah";
  await testEnv.DB.prepare("INSERT INTO twins (employee_id, token_sha256, enabled_at) VALUES (?1, ?2, ?3) ON CONFLICT (employee_id) DO UPDATE SET token_sha256 = ?2, enabled_at = ?3")
    .bind(employeeId, on ? crypto.randomUUID() : null, on ? new Date().toISOString() : null)
    .run();
  return {};
}

async function freshGuardrail(): Promise<string> {
  const id = `gr-mx-${fresh()}`;
  await testEnv.DB.prepare("INSERT INTO guardrails (id, name, kind, policy, blocked_input_message, blocked_output_message, created_at, updated_at, updated_by) VALUES (?, ?, 'builtin', '{}', 'no', 'no', '', '', 'matrix')")
    .bind(id, id)
    .run();
  return id;
}


// Knowledge bases the column's caller holds (inside) or does not (outside); JiaDe holds kb-cases as a Solutions Architect.
function heldKb(column: Column): string {
  return inside(column) ? "kb-cases" : "kb-finance";
}
function heldKbDocument(column: Column): string {
  return inside(column) ? "kb-cases/documents/case-harbor-mutual-bank.md" : "kb-finance/documents/q3-financial-summary.md";
}
function holderFor(column: Column): string {
  return inside(column) ? "pos-ae" : "pos-fa";
}

const sessions = new Map<string, string>();

async function send(row: Row, column: Column): Promise<number> {
  const [method] = row.route.split(" ");
  const { path, body } = await row.call(column);
  const callerId = CALLER[column];
  const cookie = callerId ? (row.freshSession ? await signInAs(callerId) : sessions.get(callerId)!) : null;
  const headers: Record<string, string> = { accept: "application/json" };
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: "manual" });
  await res.body?.cancel();
  if (callerId && row.freshSession) sessions.set(callerId, await signInAs(callerId));
  return res.status;
}

describe("authorization matrix", () => {
  beforeAll(async () => {
    await seedAcme();
    for (const id of new Set(Object.values(CALLER))) if (id) sessions.set(id, await signInAs(id));
  });

  for (const row of ROWS) {
    it(row.route, async () => {
      const actual: Record<string, number> = {};
      for (const column of COLUMNS) actual[column] = await send(row, column);
      expect(actual).toEqual(Object.fromEntries(COLUMNS.map((column, i) => [column, row.expect[i]])));
    });
  }

  it("has a row for every API route and no row for a route that does not exist", () => {
    const routes = apiRoutes().map((r) => `${r.method} ${r.path}`);
    const rows = ROWS.map((r) => r.route);
    expect(routes.filter((r) => !rows.includes(r))).toEqual([]);
    expect(rows.filter((r) => !routes.includes(r))).toEqual([]);
    expect(new Set(rows).size).toBe(rows.length);
  });
});
