import { AUDIT_EVENT_TYPES, AuditCategory as AuditCategorySchema, ChannelName as ChannelNameSchema, UsageGroupBy as UsageGroupBySchema } from "@clawgate/contracts";
import { z } from "zod";
import type { ApiAnswer, CallerApi } from "./caller-api.ts";
import type { ToolOutcome, ToolSpec } from "./types.ts";

/**
 * The assistant's ten whitelisted tools. Each one is a fixed set of API requests made with the
 * caller's session (CallerApi): no shell, no arbitrary HTTP. Arguments are validated here before a
 * path is built, and ids are restricted to plain id characters, so a model cannot steer a request
 * to another route ("../soul/global") — it gets an invalid_arguments refusal instead.
 */
const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "a plain id such as emp-carol or pos-fa");
// Fresh enums: the contracts' ones carry OpenAPI ids, which would turn into $refs in the tool schema.
const AuditEventType = z.enum(AUDIT_EVENT_TYPES);
const AuditCategory = z.enum(AuditCategorySchema.options);
const ChannelName = z.enum(ChannelNameSchema.options);
const UsageGroupBy = z.enum(UsageGroupBySchema.options);
const Instant = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[0-9:.]+Z)?$/, "an ISO date or UTC date-time");

interface ToolDefinition<A extends z.ZodType> {
  name: string;
  description: string;
  args: A;
  run: (args: z.infer<A>, api: CallerApi) => Promise<ToolOutcome>;
}

const tool = <A extends z.ZodType>(definition: ToolDefinition<A>) => definition as unknown as ToolDefinition<z.ZodType>;
const seg = (id: string) => encodeURIComponent(id);

function answered(answer: ApiAnswer): ToolOutcome {
  if (answer.status >= 200 && answer.status < 300) return { ok: true, data: answer.body };
  const message = (answer.body as { error?: { message?: string } } | null)?.error?.message ?? `status ${answer.status}`;
  return { ok: false, error: `the API answered ${answer.status}: ${message}`, status: answer.status };
}

/** Several reads answered together: the first failure wins, else the named bodies. */
function together(answers: Record<string, ApiAnswer>): ToolOutcome {
  for (const answer of Object.values(answers)) if (answer.status >= 300) return answered(answer);
  return { ok: true, data: Object.fromEntries(Object.entries(answers).map(([key, answer]) => [key, answer.body])) };
}

const SoulLayerArgs = z.object({
  layer: z.enum(["global", "position", "personal"]),
  /** A position id for `position`, an employee id for `personal`; none for `global`. */
  id: Id.optional(),
});

function soulPath(layer: "global" | "position" | "personal", id: string | undefined): string | null {
  if (layer === "global") return "/api/admin/soul/global";
  if (!id) return null;
  return layer === "position" ? `/api/admin/positions/${seg(id)}/soul` : `/api/admin/employees/${seg(id)}/soul`;
}

export const ASSISTANT_TOOLS: ToolDefinition<z.ZodType>[] = [
  tool({
    name: "list_employees",
    description: "List employees the caller may see, optionally only one department (its id) or position.",
    args: z.object({ departmentId: Id.optional(), positionId: Id.optional(), limit: z.number().int().min(1).max(200).optional() }),
    run: async (args, api) => answered(await api.get("/api/admin/employees", { departmentId: args.departmentId, positionId: args.positionId, limit: args.limit ?? 100 })),
  }),
  tool({
    name: "employee_detail",
    description: "One employee's record: name, department, position, role, tags, language.",
    args: z.object({ employeeId: Id }),
    run: async (args, api) => answered(await api.get(`/api/admin/employees/${seg(args.employeeId)}`)),
  }),
  tool({
    name: "read_soul",
    description: "Read a SOUL layer: the global one, a position's (id = position id) or an employee's personal one (id = employee id).",
    args: SoulLayerArgs,
    run: async (args, api) => {
      const path = soulPath(args.layer, args.id);
      if (!path) return { ok: false, error: `the ${args.layer} layer needs an id`, refused: "invalid_arguments" };
      return answered(await api.get(path));
    },
  }),
  tool({
    name: "update_soul",
    description: "Replace the text of a position's or an employee's personal SOUL layer. The global SOUL can never be changed by the assistant.",
    args: SoulLayerArgs.extend({ text: z.string().min(1).max(32_768) }),
    run: async (args, api) => {
      // The assistant never touches everyone's agent at once, whatever the caller's own rights.
      if (args.layer === "global") return { ok: false, error: "the assistant may not change the global SOUL; use the SOUL editor", refused: "global_soul" };
      const path = soulPath(args.layer, args.id);
      if (!path) return { ok: false, error: `the ${args.layer} layer needs an id`, refused: "invalid_arguments" };
      const current = await api.get(path);
      if (current.status !== 200) return answered(current);
      const baseVersion = (current.body as { currentVersion: number }).currentVersion;
      return answered(await api.put(path, { text: args.text, baseVersion }));
    },
  }),
  tool({
    name: "list_departments_and_positions",
    description: "All departments (id, name, parent) and positions (id, name, department, capabilities) the caller may see.",
    args: z.object({}),
    run: async (_args, api) => {
      const outcome = together({ departments: await api.get("/api/admin/departments"), positions: await api.get("/api/admin/positions") });
      if (!outcome.ok) return outcome;
      const { departments, positions } = outcome.data as { departments: { departments: unknown[] }; positions: { positions: unknown[] } };
      return { ok: true, data: { departments: departments.departments, positions: positions.positions } };
    },
  }),
  tool({
    name: "agent_detail",
    description: "What an employee's agent is made of: SOUL layers with versions, allowed and denied tools, knowledge bases, skills, model and runtime.",
    args: z.object({ employeeId: Id }),
    run: async (args, api) => answered(await api.get(`/api/admin/playground/${seg(args.employeeId)}/pipeline`)),
  }),
  tool({
    name: "usage_report",
    description: "Tokens and cost grouped by employee, department, position, model, day, week or month; default this month by employee.",
    args: z.object({ groupBy: UsageGroupBy.optional(), from: Instant.optional(), to: Instant.optional(), departmentId: Id.optional(), employeeId: Id.optional() }),
    run: async (args, api) => answered(await api.get("/api/admin/usage", { ...args, groupBy: args.groupBy ?? "employee" })),
  }),
  tool({
    name: "service_health",
    description: "Whether the Worker is up, which model the default runtime answers with, and the registered runtimes.",
    args: z.object({}),
    run: async (_args, api) => together({ worker: await api.get("/api/health"), defaultRuntime: await api.get("/api/runtime-info"), runtimes: await api.get("/api/admin/runtimes") }),
  }),
  tool({
    name: "audit_query",
    description: "Recent audit events (metadata only), newest first, filtered by type, category, actor, employee and time range.",
    args: z.object({
      type: AuditEventType.optional(),
      category: AuditCategory.optional(),
      actor: Id.optional(),
      employeeId: Id.optional(),
      from: Instant.optional(),
      to: Instant.optional(),
      limit: z.number().int().min(1).max(100).optional(),
    }),
    run: async (args, api) => answered(await api.get("/api/admin/audit", { ...args, limit: args.limit ?? 20 })),
  }),
  tool({
    name: "list_im_bindings",
    description: "The IM bots (configured or not) and, for one channel or all, the employees' paired accounts.",
    args: z.object({ channel: ChannelName.optional() }),
    run: async (args, api) => {
      const channels = args.channel ? [args.channel] : ChannelName.options;
      const answers: Record<string, ApiAnswer> = { bots: await api.get("/api/admin/channels") };
      for (const channel of channels) answers[channel] = await api.get(`/api/admin/channels/${channel}/bindings`);
      return together(answers);
    },
  }),
];

const BY_NAME = new Map(ASSISTANT_TOOLS.map((definition) => [definition.name, definition]));

/** The tool list as the model sees it. */
export const ASSISTANT_TOOL_SPECS: ToolSpec[] = ASSISTANT_TOOLS.map(({ name, description, args }) => {
  const { $schema: _, ...parameters } = z.toJSONSchema(args, { io: "input" }) as Record<string, unknown>;
  return { name, description, parameters };
});

/** Runs one tool call: unknown names and invalid arguments are refused before any request is made. */
export async function runTool(name: string, rawArgs: unknown, api: CallerApi): Promise<ToolOutcome> {
  const definition = BY_NAME.get(name);
  if (!definition) return { ok: false, error: `no such tool: ${name.slice(0, 64)}`, refused: "unknown_tool" };
  const parsed = definition.args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `invalid arguments: ${issue ? `${issue.path.join(".") || "args"}: ${issue.message}` : "rejected"}`, refused: "invalid_arguments" };
  }
  return definition.run(parsed.data, api);
}
