import type { ToolEvent } from "@clawgate/contracts";
import { defineStrings, useStrings } from "../i18n/strings.ts";

const STRINGS = defineStrings({
  en: { ran: (tool: string) => `ran ${tool}`, blocked: (tool: string) => `blocked ${tool}` },
  zh: { ran: (tool: string) => `已运行 ${tool}`, blocked: (tool: string) => `已阻止 ${tool}` },
});

/** "ran exec" / "blocked exec" under an agent bubble. */
export function ToolChip({ event }: { event: ToolEvent }) {
  const t = useStrings(STRINGS);
  const details: string[] = [];
  if (event.reason) details.push(event.reason);
  if (event.args && Object.keys(event.args).length > 0) details.push(JSON.stringify(event.args));
  return (
    <span
      className={`tool-chip ${event.allowed ? "tool-chip--ran" : "tool-chip--blocked"}`}
      data-testid="tool-chip"
      data-allowed={event.allowed ? "true" : "false"}
      title={details.length > 0 ? details.join("\n") : undefined}
    >
      {event.allowed ? t.ran(event.tool) : t.blocked(event.tool)}
    </span>
  );
}
