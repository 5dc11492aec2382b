/** Test helpers: synthesise the real app from context and read IAM policies out of the templates. */
import { Template } from "aws-cdk-lib/assertions";
import { createApp, type ClawGateApp } from "../src/app.ts";

export const TEST_CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-111122223333";

/** Distinct models per role, so that a grant to the wrong model shows up. */
export const TEST_MODELS = {
  standard: "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
  executive: "anthropic.claude-opus-4-5-20251101-v1:0",
  assistant: "global.anthropic.claude-haiku-4-5-20251001-v1:0",
} as const;

export interface Synthesised extends ClawGateApp {
  template: Template;
  imagesTemplate: Template;
}

export function synthesise(context: Record<string, unknown> = {}): Synthesised {
  const built = createApp({
    context: {
      imageTag: "v1.2.3",
      standardModelId: TEST_MODELS.standard,
      executiveModelId: TEST_MODELS.executive,
      assistantModelId: TEST_MODELS.assistant,
      ...context,
    },
  });
  return { ...built, template: Template.fromStack(built.main), imagesTemplate: Template.fromStack(built.images) };
}

export interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export const actionsOf = (statement: Statement) => [statement.Action].flat();
export const resourcesOf = (statement: Statement) => [statement.Resource].flat();

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

function resources(template: Template): Resources {
  return template.toJSON().Resources as Resources;
}

/** The one resource of a type whose logical id starts with the construct id. */
export function logicalId(template: Template, type: string, prefix: string): string {
  const ids = Object.entries(resources(template))
    .filter(([id, resource]) => resource.Type === type && id.startsWith(prefix))
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`expected one ${type} named ${prefix}…, found ${ids.join(", ") || "none"}`);
  return ids[0]!;
}

const refersTo = (list: unknown, id: string) => Array.isArray(list) && list.some((entry) => JSON.stringify(entry) === JSON.stringify({ Ref: id }));

/** Every statement of every policy attached to a role or user, inline or managed. */
export function statementsOf(template: Template, principalId: string): Statement[] {
  const all = resources(template);
  const principal = all[principalId];
  if (!principal) throw new Error(`no resource ${principalId}`);
  const managedIds = ((principal.Properties?.ManagedPolicyArns as unknown[]) ?? []).map((arn) => (arn as { Ref?: string }).Ref);
  if (managedIds.some((id) => id === undefined)) throw new Error(`${principalId} has a managed policy that is not in this stack`);
  return Object.entries(all).flatMap(([id, resource]) => {
    const props = resource.Properties ?? {};
    const attached =
      (resource.Type === "AWS::IAM::Policy" && (refersTo(props.Roles, principalId) || refersTo(props.Users, principalId))) ||
      (resource.Type === "AWS::IAM::ManagedPolicy" && (managedIds.includes(id) || refersTo(props.Roles, principalId) || refersTo(props.Users, principalId)));
    return attached ? ((props.PolicyDocument as { Statement: Statement[] }).Statement ?? []) : [];
  });
}
