/**
 * Reads what `cdk deploy --all --outputs-file outputs.json` wrote: `{ "<stack name>": { "<key>": "<value>" } }`.
 * The ClawGate stack is found by the outputs it carries, not by name, so a custom `-c prefix=…` works too.
 */
import { z } from "zod";
import { OUTPUTS } from "../output-keys.ts";

export interface StackOutputs {
  region: string;
  runtimes: { standard: string; executive: string };
  qualifier: string;
  guardrail: { id: string; version: string };
  edgeUserName: string;
  alwaysOn: { loadBalancerDns: string; secretArn: string } | null;
}

const OutputsFile = z.record(z.string(), z.record(z.string(), z.string()));

export class OutputsError extends Error {}

export function parseStackOutputs(json: string): StackOutputs {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new OutputsError(`The outputs file is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = OutputsFile.safeParse(raw);
  if (!parsed.success) throw new OutputsError("The outputs file must map stack names to { output key: value } (cdk deploy --outputs-file).");
  const stacks = Object.values(parsed.data);
  const main = stacks.find((outputs) => OUTPUTS.runtimeArn.standard in outputs);
  if (!main) throw new OutputsError(`No stack in the file has a ${OUTPUTS.runtimeArn.standard} output: deploy with cdk deploy --all --outputs-file <file>.`);

  const need = (key: string) => {
    const value = main[key];
    if (!value) throw new OutputsError(`The ClawGate stack outputs lack ${key}.`);
    return value;
  };
  const alwaysOnDns = main[OUTPUTS.alwaysOnUrl];
  return {
    region: need(OUTPUTS.region),
    runtimes: { standard: need(OUTPUTS.runtimeArn.standard), executive: need(OUTPUTS.runtimeArn.executive) },
    qualifier: need(OUTPUTS.runtimeQualifier),
    guardrail: { id: need(OUTPUTS.guardrailId), version: need(OUTPUTS.guardrailVersion) },
    edgeUserName: need(OUTPUTS.edgeUserName),
    alwaysOn: alwaysOnDns ? { loadBalancerDns: alwaysOnDns, secretArn: need(OUTPUTS.alwaysOnSecretArn) } : null,
  };
}
