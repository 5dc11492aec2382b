import type { AgentProvisioning } from "@clawgate/contracts";
import type { Env } from "@clawgate/durable-objects";
import { audit } from "../../audit.ts";

/**
 * Provisions a new employee's agent (their EmployeeAgent object: identity bound, first plan built
 * and routed). The employee exists either way; a failure is reported and audited, not hidden, and
 * the agent retries the same steps on its first turn.
 */
export async function provisionAgent(env: Env, actor: string, employeeId: string): Promise<AgentProvisioning> {
  try {
    const { planVersion } = await env.EMPLOYEE_AGENT.getByName(employeeId).provision(employeeId);
    await audit(env.DB, "org.agent_provisioned", actor, employeeId, { planVersion });
    return { status: "ready", planVersion };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await audit(env.DB, "org.agent_provision_failed", actor, employeeId, { error: message });
    return { status: "failed", message };
  }
}
