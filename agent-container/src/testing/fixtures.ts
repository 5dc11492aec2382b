import {
  canonicalJson,
  sessionToolPolicy,
  toolPolicyFor,
  type AccessPath,
  type InvocationRequest,
  type ToolPolicy,
  type WorkspacePlan,
  type WorkspacePlanBody,
} from "@clawgate/contracts";
import { sha256 } from "../workspace/blob-store.ts";

/** Test-only: a small but complete plan and its blobs, shaped like the edge's plan builder output. */
export function blob(text: string, into: Record<string, string>): { sha256: string } {
  const hash = sha256(text);
  into[hash] = text;
  return { sha256: hash };
}

export interface FixtureKnowledge {
  kbId: string;
  name: string;
  title: string;
  file: string;
  text: string;
}

export interface FixtureOptions {
  employeeId?: string;
  name?: string;
  employeeNumber?: string;
  email?: string;
  position?: { id: string; name: string };
  department?: { id: string; name: string };
  capabilities?: string[];
  /** Overrides the policy the edge would derive (e.g. an unclamped twin plan, to test the runtime's clamp). */
  tools?: ToolPolicy;
  accessPath?: AccessPath;
  soul?: { global?: string; position?: string; personal?: string };
  /** Replaces the finance knowledge base; the company directory is always included. */
  knowledge?: FixtureKnowledge[];
  memory?: Record<string, string>;
  provider?: "default" | "offline";
}

/** One distinct session context per access path, worded like the edge's (durable-objects/src/turn/session-context.ts). */
export function fixtureSessionContext(path: AccessPath, name: string): string {
  switch (path) {
    case "employee":
      return `You are talking with ${name} in the ClawGate web portal.`;
    case "playground":
      return `An IT administrator is testing ${name}'s agent in the admin playground; memory changes are discarded.`;
    case "twin":
      return `You are ${name}'s digital twin, talking with a visitor who is NOT ${name}. Memory is read-only.`;
    case "admin":
      return `You are assisting an IT administrator with ClawGate administration on behalf of ${name}.`;
    case "scheduled":
      return `This turn was started by one of ${name}'s scheduled tasks, not by a live message.`;
  }
}

const FINANCE_KB: FixtureKnowledge[] = [{ kbId: "kb-finance", name: "Financial Reports", title: "Q3 summary", file: "q3.md", text: "# Q3\nRevenue 12.4M" }];

export function planFixture(options: FixtureOptions = {}): { plan: WorkspacePlan; blobs: Record<string, string> } {
  const blobs: Record<string, string> = {};
  const name = options.name ?? "Carol Zhang";
  const position = options.position ?? { id: "pos-fa", name: "Finance Analyst" };
  const accessPath = options.accessPath ?? "employee";
  const memoryFiles = Object.entries(options.memory ?? {}).map(([path, text]) => ({ path, ...blob(text, blobs) }));
  const directory = "# Company Directory\n\n- **Ryan Park** — Software Engineer, Backend Team (ryan@acme.example). Ask about: backend services, code reviews, API design.\n- **Carol Zhang** — Finance Analyst, Finance (carol@acme.example). Ask about: budgets, expense reports.\n";
  const body: WorkspacePlanBody = {
    schemaVersion: 1,
    identity: {
      employeeId: options.employeeId ?? "emp-carol",
      name,
      employeeNumber: options.employeeNumber ?? "EMP-016",
      email: options.email ?? "carol@acme.example",
      position,
      department: options.department ?? { id: "dept-finance", name: "Finance" },
      company: "ACME Corp",
    },
    accessPath,
    sessionContext: fixtureSessionContext(accessPath, name),
    soul: {
      global: blob(options.soul?.global ?? "Be honest. Protect company data.", blobs),
      position: blob(options.soul?.position ?? "You are precise with numbers.", blobs),
      personal: blob(options.soul?.personal ?? "I like short answers.", blobs),
    },
    agents: { global: blob("Cite the knowledge base.", blobs), position: blob("Escalate audits to the controller.", blobs) },
    user: blob(`# USER\n\n- Name: ${name}\n`, blobs),
    knowledge: [
      { kbId: "kb-org-directory", name: "Company Directory", title: "Directory", path: "knowledge/kb-org-directory/directory.md", ...blob(directory, blobs) },
      ...(options.knowledge ?? FINANCE_KB).map((kb) => ({ kbId: kb.kbId, name: kb.name, title: kb.title, path: `knowledge/${kb.kbId}/${kb.file}`, ...blob(kb.text, blobs) })),
    ],
    skills: [{ name: "excel-gen", description: "Make spreadsheets", ...blob("---\nname: excel-gen\ndescription: Make spreadsheets\n---\nUse for xlsx.", blobs) }],
    tools: options.tools ?? sessionToolPolicy(accessPath, toolPolicyFor(options.capabilities ?? ["web_search", "file"])),
    model: { provider: options.provider ?? "default", modelId: null, maxTokens: 4096, contextWindow: 128000, compaction: "default", language: "en" },
    channels: [],
    memory: { path: null, sha256: null, files: memoryFiles },
  };
  return { plan: { ...body, planVersion: sha256(canonicalJson(body)) }, blobs };
}

/** A cold invocation: the plan and every blob inline (its planVersion travels along and is ignored). */
export function invocationFixture(
  message: string,
  options: FixtureOptions & { sessionId?: string; turnId?: string } = {},
): InvocationRequest & { plan: WorkspacePlan } {
  const { plan, blobs } = planFixture(options);
  return {
    turnId: options.turnId ?? `turn-${Math.random().toString(36).slice(2)}`,
    sessionId: options.sessionId ?? `${plan.identity.employeeId}--${plan.accessPath}--0123456789abcdef0123`,
    message,
    planVersion: plan.planVersion,
    plan,
    blobs,
  };
}
