import type { ToolResult, ToolUse } from "../types.ts";

/**
 * The offline stand-in's understanding of a request (DESIGN §7): a handful of phrasings mapped to
 * tool calls, so the assistant's story works without any model or network. Given the request and
 * the results so far, it names the next tool call, or null when it has what it needs.
 */
type Next = { name: string; args: Record<string, unknown> } | null;
type Intent = { match: RegExp; next: (m: RegExpMatchArray, results: ToolResult[]) => Next | undefined };

const once = (name: string, args: Record<string, unknown> = {}) => (_m: RegExpMatchArray, results: ToolResult[]): Next => (results.length ? null : { name, args });
const layerOf = (named: string | undefined, id: string | undefined) => (named ? named.toLowerCase() : id?.startsWith("pos-") ? "position" : id ? "personal" : "global");

interface DepartmentsData {
  departments?: { id: string; name: string }[];
}

const INTENTS: Intent[] = [
  {
    // "update the personal SOUL of emp-carol to …", "update the global SOUL to …"
    match: /\bupdate (?:the )?(global|position|personal)?\s*soul(?: (?:of|for) ([A-Za-z0-9_-]+))?\s+to[:\s]+([\s\S]+)$/i,
    next: (m, results) => once("update_soul", { layer: layerOf(m[1], m[2]), ...(m[2] ? { id: m[2] } : {}), text: m[3]!.trim() })(m, results),
  },
  {
    match: /\b(?:read|show|get)\b.*?\b(global|position|personal)?\s*soul(?: (?:of|for) ([A-Za-z0-9_-]+))?/i,
    next: (m, results) => once("read_soul", { layer: layerOf(m[1], m[2]), ...(m[2] ? { id: m[2] } : {}) })(m, results),
  },
  { match: /\b(?:agent|pipeline)\b.*?\b(emp-[A-Za-z0-9_-]+)/i, next: (m, results) => once("agent_detail", { employeeId: m[1] })(m, results) },
  { match: /\b(emp-[A-Za-z0-9_-]+)\b/i, next: (m, results) => once("employee_detail", { employeeId: m[1] })(m, results) },
  {
    // "list employees in Finance": look the department up by name first, then list it.
    match: /\bemployees?\b(?:.*?\b(?:in|of) (?:the )?([A-Za-z][\w &-]*?))?(?: department)?[.?!]*$/i,
    next: (m, results) => {
      const department = m[1]?.trim();
      if (!department) return once("list_employees")(m, results);
      if (results.length === 0) return { name: "list_departments_and_positions", args: {} };
      if (results.length > 1) return null;
      const first = results[0]!.outcome;
      const found = first.ok ? (first.data as DepartmentsData).departments?.find((d) => d.name.toLowerCase() === department.toLowerCase() || d.id === department) : undefined;
      return found ? { name: "list_employees", args: { departmentId: found.id } } : null;
    },
  },
  { match: /\b(?:usage|cost|spend|tokens)\b/i, next: once("usage_report", { groupBy: "employee" }) },
  { match: /\b(?:health|status|up\b|runtime)/i, next: once("service_health") },
  { match: /\baudit\b/i, next: once("audit_query", { limit: 10 }) },
  { match: /\b(?:im|binding|bindings|channels?|telegram|slack|discord|feishu)\b/i, next: once("list_im_bindings") },
  { match: /\b(?:departments?|positions?|org)\b/i, next: once("list_departments_and_positions") },
];

export interface OfflinePlan {
  /** The next call, or null to answer from the results. */
  call: ToolUse | null;
  understood: boolean;
}

export function offlinePlan(request: string, results: ToolResult[]): OfflinePlan {
  for (const intent of INTENTS) {
    const m = request.match(intent.match);
    if (!m) continue;
    const next = intent.next(m, results);
    if (next === undefined) continue;
    return { understood: true, call: next ? { id: `offline-${results.length + 1}`, name: next.name, args: next.args } : null };
  }
  return { understood: false, call: null };
}
