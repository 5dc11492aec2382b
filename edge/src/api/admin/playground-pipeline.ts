import { CAPABILITY_TOOLS, type PlaygroundPipeline } from "@clawgate/contracts";
import { loadEmployee } from "@clawgate/durable-objects";
import { explainRoute, NoRouteError, selectRoute } from "@clawgate/durable-objects/runtime/select.ts";
import { buildPlanBase } from "@clawgate/durable-objects/turn/plan-builder.ts";
import { notFound } from "../../auth/scope.ts";

/**
 * The playground's "pipeline" view, computed by the code the agent itself plans and routes with
 * (plan-builder.ts, runtime/select.ts), so it cannot drift from what a turn actually gets.
 */
export async function playgroundPipeline(db: D1Database, employeeId: string): Promise<PlaygroundPipeline> {
  const employee = await loadEmployee(db, employeeId);
  if (!employee) throw notFound("employee");
  const [{ body: plan }, soul, route] = await Promise.all([buildPlanBase(db, employee, "playground"), soulLayers(db, employee.position.id, employee.id), routeOf(db, employee)]);

  const allowed = new Set(plan.tools.allow);
  const denied = Object.entries(CAPABILITY_TOOLS).flatMap(([capability, tools]) => tools.filter((tool) => !allowed.has(tool)).map((tool) => ({ tool, capability })));
  const knowledge = new Map<string, { kbId: string; name: string; documents: string[] }>();
  for (const doc of plan.knowledge) {
    const kb = knowledge.get(doc.kbId) ?? { kbId: doc.kbId, name: doc.name, documents: [] };
    kb.documents.push(doc.title);
    knowledge.set(doc.kbId, kb);
  }
  return {
    employeeId,
    soul,
    tools: {
      capabilities: plan.tools.capabilities,
      allowed: plan.tools.allow,
      denied,
      memoryScoped: plan.tools.memoryScoped,
    },
    knowledge: [...knowledge.values()],
    skills: plan.skills.map(({ name, description }) => ({ name, description })),
    model: plan.model,
    route,
  };
}

/** The current version of each SOUL and AGENTS layer the employee's plan is assembled from. */
async function soulLayers(db: D1Database, positionId: string, employeeId: string): Promise<PlaygroundPipeline["soul"]> {
  const rows = await db
    .prepare(
      `SELECT file, scope, version, sha256, author, created_at FROM soul_layers s
        WHERE ((scope = 'global' AND scope_id = '*') OR (scope = 'position' AND scope_id = ?) OR (scope = 'personal' AND scope_id = ?))
          AND version = (SELECT MAX(version) FROM soul_layers t WHERE t.file = s.file AND t.scope = s.scope AND t.scope_id = s.scope_id)
        ORDER BY file DESC, CASE scope WHEN 'global' THEN 0 WHEN 'position' THEN 1 ELSE 2 END`,
    )
    .bind(positionId, employeeId)
    .all<{ file: "SOUL" | "AGENTS"; scope: "global" | "position" | "personal"; version: number; sha256: string; author: string; created_at: string }>();
  return rows.results.map(({ created_at, ...layer }) => ({ ...layer, at: created_at }));
}

async function routeOf(db: D1Database, employee: NonNullable<Awaited<ReturnType<typeof loadEmployee>>>): Promise<PlaygroundPipeline["route"]> {
  try {
    return explainRoute({ id: employee.id, name: employee.name, positionName: employee.position.name }, await selectRoute(db, employee));
  } catch (error) {
    if (error instanceof NoRouteError) return null;
    throw error;
  }
}
