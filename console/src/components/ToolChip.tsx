import type { ToolEvent } from "@clawgate/contracts";

/** "ran exec" / "blocked exec" under an agent bubble. */
export function ToolChip({ event }: { event: ToolEvent }) {
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
      {event.allowed ? "ran" : "blocked"} {event.tool}
    </span>
  );
}
