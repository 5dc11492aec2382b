import type { ToolResult } from "../types.ts";

/** The offline stand-in's replies: a plain summary of what each tool returned. */
type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const list = (items: string[], max = 20) => (items.length > max ? `${items.slice(0, max).join(", ")} and ${items.length - max} more` : items.join(", ")) || "none";
const money = (usd: number) => `$${usd.toFixed(2)}`;

const SUMMARIES: Record<string, (data: Data) => string> = {
  list_employees: (d) => `${d.employees.length} employee(s): ${list(d.employees.map((e: Data) => `${e.name} (${e.id})`))}.`,
  employee_detail: (d) => `${d.name} (${d.id}): ${d.role} in ${d.departmentId}, position ${d.positionId}, language ${d.language}.`,
  read_soul: (d) => `The ${d.layer} SOUL${d.scopeId === "*" ? "" : ` of ${d.scopeId}`} is at version ${d.currentVersion} and reaches ${d.affectedAgents} agent(s):\n\n${d.text}`,
  update_soul: (d) => `Saved version ${d.version?.version ?? d.currentVersion ?? "?"} of the ${d.layer ?? ""} SOUL; it reaches ${d.affectedAgents ?? "the affected"} agent(s) on their next turn.`,
  list_departments_and_positions: (d) =>
    `${d.departments.length} department(s): ${list(d.departments.map((x: Data) => `${x.name} (${x.id})`))}. ${d.positions.length} position(s): ${list(d.positions.map((x: Data) => `${x.name} (${x.id})`))}.`,
  agent_detail: (d) => `Agent of ${d.employeeId}: ${d.soul?.length ?? 0} SOUL layer(s), ${d.tools?.allowed?.length ?? 0} allowed tool(s), model ${d.model?.id ?? d.model?.modelId ?? "default"}.`,
  usage_report: (d) =>
    `Usage ${d.from.slice(0, 10)} to ${d.to.slice(0, 10)}: ${d.total.turns} turn(s), ${d.total.inputTokens} input and ${d.total.outputTokens} output tokens, ${money(d.total.costUsd)}.` +
    (d.rows.length ? ` By ${d.groupBy}: ${list(d.rows.map((r: Data) => `${r.label ?? r.key} ${money(r.costUsd)}`), 10)}.` : ""),
  service_health: (d) =>
    `The Worker is up. Default runtime model: ${d.defaultRuntime.model ?? "unknown (no answer yet)"}${d.defaultRuntime.offlineModel ? " (offline model)" : ""}. ${d.runtimes.runtimes?.length ?? 0} runtime(s) registered.`,
  audit_query: (d) => `${d.events.length} recent audit event(s): ${list(d.events.map((e: Data) => `${e.at.slice(0, 16)} ${e.type} by ${e.actor}`), 10)}.`,
  list_im_bindings: (d) => {
    const bots = d.bots.channels.map((c: Data) => `${c.channel} ${c.configured ? "configured" : "not configured"}`);
    const bound = Object.entries(d)
      .filter(([key]) => key !== "bots")
      .map(([channel, v]) => `${channel}: ${(v as Data).bindings.length}`);
    return `IM bots: ${list(bots)}. Paired accounts — ${list(bound)}.`;
  },
};

export function summarise(result: ToolResult): string {
  if (!result.outcome.ok) return `The ${result.name} tool did not succeed: ${result.outcome.error}.`;
  try {
    return SUMMARIES[result.name]?.(result.outcome.data as Data) ?? `${result.name} done.`;
  } catch {
    return `${result.name} returned data in a shape the offline assistant cannot summarise.`;
  }
}
