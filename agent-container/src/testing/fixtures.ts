import { canonicalJson, toolPolicyFor, type InvocationRequest, type WorkspacePlan, type WorkspacePlanBody } from "@clawgate/contracts";
import { sha256 } from "../workspace/blob-store.ts";

/** Test-only: a small but complete plan and its blobs, shaped like the edge's plan builder output. */
export function blob(text: string, into: Record<string, string>): { sha256: string } {
  const hash = sha256(text);
  into[hash] = text;
  return { sha256: hash };
}

export interface FixtureOptions {
  employeeId?: string;
  name?: string;
  position?: { id: string; name: string };
  capabilities?: string[];
  accessPath?: WorkspacePlanBody["accessPath"];
  memory?: Record<string, string>;
  provider?: "default" | "offline";
}

export function planFixture(options: FixtureOptions = {}): { plan: WorkspacePlan; blobs: Record<string, string> } {
  const blobs: Record<string, string> = {};
  const name = options.name ?? "Carol Zhang";
  const position = options.position ?? { id: "pos-fa", name: "Finance Analyst" };
  const memoryFiles = Object.entries(options.memory ?? {}).map(([path, text]) => ({ path, ...blob(text, blobs) }));
  const directory = "# Company Directory\n\n- **Ryan Park** — Software Engineer, Backend Team (ryan@acme.example). Ask about: backend services, code reviews, API design.\n- **Carol Zhang** — Finance Analyst, Finance (carol@acme.example). Ask about: budgets, expense reports.\n";
  const body: WorkspacePlanBody = {
    schemaVersion: 1,
    identity: {
      employeeId: options.employeeId ?? "emp-carol",
      name,
      employeeNumber: "EMP-016",
      email: "carol@acme.example",
      position,
      department: { id: "dept-finance", name: "Finance" },
      company: "ACME Corp",
    },
    accessPath: options.accessPath ?? "employee",
    sessionContext: `You are talking with ${name} in the ClawGate web portal.`,
    soul: {
      global: blob("Be honest. Protect company data.", blobs),
      position: blob("You are precise with numbers.", blobs),
      personal: blob("I like short answers.", blobs),
    },
    agents: { global: blob("Cite the knowledge base.", blobs), position: blob("Escalate audits to the controller.", blobs) },
    user: blob(`# USER\n\n- Name: ${name}\n`, blobs),
    knowledge: [
      { kbId: "kb-org-directory", name: "Company Directory", title: "Directory", path: "knowledge/kb-org-directory/directory.md", ...blob(directory, blobs) },
      { kbId: "kb-finance", name: "Financial Reports", title: "Q3 summary", path: "knowledge/kb-finance/q3.md", ...blob("# Q3\nRevenue 12.4M", blobs) },
    ],
    skills: [{ name: "excel-gen", description: "Make spreadsheets", ...blob("---\nname: excel-gen\ndescription: Make spreadsheets\n---\nUse for xlsx.", blobs) }],
    tools: toolPolicyFor(options.capabilities ?? ["web_search", "file"]),
    model: { provider: options.provider ?? "default", modelId: null, maxTokens: 4096, contextWindow: 128000, compaction: "default", language: "en" },
    channels: [],
    memory: { path: null, sha256: null, files: memoryFiles },
  };
  return { plan: { ...body, planVersion: sha256(canonicalJson(body)) }, blobs };
}

export function invocationFixture(message: string, options: FixtureOptions & { sessionId?: string; turnId?: string } = {}): InvocationRequest {
  const { plan, blobs } = planFixture(options);
  return {
    turnId: options.turnId ?? `turn-${Math.random().toString(36).slice(2)}`,
    sessionId: options.sessionId ?? `${plan.identity.employeeId}--${plan.accessPath}--0123456789abcdef0123`,
    message,
    plan,
    blobs,
  };
}
