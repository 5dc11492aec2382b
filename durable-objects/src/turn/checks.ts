import type { TurnNotice, TurnOutcomeKind } from "@clawgate/contracts";
import type { Env } from "../env.ts";
import { runtimeGuardrails, type ActiveGuardrail } from "../guardrails/runtime-guardrails.ts";
import { selectRoute } from "../runtime/select.ts";
import { TurnAudit } from "./checks-audit.ts";
import { checkBudget, type WarningMemo } from "./checks-budget.ts";
import { applyGuardrail } from "./checks-guardrail.ts";
import { loadEmployee } from "./control-plane.ts";

/**
 * The checks around the model (DESIGN §4 steps 4 and 7). Order before the model: the budget
 * first — a D1 read that costs nothing, so an employee over budget never causes a paid Bedrock
 * guardrail call — then the input guardrail of the runtime the turn is routed to. After the
 * model, the output guardrail on the final reply.
 */
export interface TurnCheckInput {
  employeeId: string;
  turnId: string;
  message: string;
}

export interface OutputCheck {
  guardrail: ActiveGuardrail | null;
  strict: boolean;
}

export type BeforeModel =
  /** The runtime is never called; `reply` is the turn's answer. */
  | { proceed: false; outcome: Exclude<TurnOutcomeKind, "answered">; reply: string; notices: TurnNotice[] }
  /** `message` is what the runtime gets (masked by the input guardrail if it masks). */
  | { proceed: true; message: string; notices: TurnNotice[]; output: OutputCheck };

export async function checkBeforeModel(env: Env, memo: WarningMemo, input: TurnCheckInput): Promise<BeforeModel> {
  const audit = new TurnAudit(env.DB, input.employeeId, input.turnId);
  const budget = await checkBudget(env.DB, memo, input.employeeId, audit);
  if (budget.refusal !== null) {
    await audit.flush();
    return { proceed: false, outcome: "refused", reply: budget.refusal, notices: [] };
  }
  const notices = budget.notice ? [budget.notice] : [];
  const guardrails = await guardrailsFor(env, input.employeeId);
  const guarded = await applyGuardrail(guardrails.input, guardrails.strict, "input", input.message, audit);
  await audit.flush();
  budget.remember();
  if (!guarded.pass) return { proceed: false, outcome: guarded.outcome, reply: guarded.reply, notices };
  if (guarded.masked) notices.push({ kind: "guardrail_masked", message: "Parts of your message were masked by your company's AI usage policy before your agent saw it." });
  return { proceed: true, message: guarded.text, notices, output: { guardrail: guardrails.output, strict: guardrails.strict } };
}

export interface AfterModel {
  reply: string;
  outcome: TurnOutcomeKind;
  notices: TurnNotice[];
}

export async function checkAfterModel(env: Env, input: Omit<TurnCheckInput, "message">, check: OutputCheck, reply: string): Promise<AfterModel> {
  const audit = new TurnAudit(env.DB, input.employeeId, input.turnId);
  const guarded = await applyGuardrail(check.guardrail, check.strict, "output", reply, audit);
  await audit.flush();
  if (!guarded.pass) return { reply: guarded.reply, outcome: guarded.outcome, notices: [] };
  const notices: TurnNotice[] = guarded.masked ? [{ kind: "guardrail_masked", message: "Parts of this answer were masked by your company's AI usage policy." }] : [];
  return { reply: guarded.text, outcome: "answered", notices };
}

/**
 * The guardrails of the runtime the turn is routed to. An always-on endpoint is infrastructure,
 * not a policy choice: it is governed by the runtime the employee would run on without it.
 */
async function guardrailsFor(env: Env, employeeId: string) {
  const employee = await loadEmployee(env.DB, employeeId);
  // A vanished employee fails at invocation, with the turn path's own error.
  if (!employee) return { input: null, output: null, strict: false };
  const route = await selectRoute(env.DB, employee);
  const governing = route.tier === "always_on" ? route.tiers.find((t) => t.tier !== "always_on" && t.runtimeId)?.runtimeId : route.runtime.id;
  return governing ? runtimeGuardrails(env.DB, env, governing) : { input: null, output: null, strict: false };
}
