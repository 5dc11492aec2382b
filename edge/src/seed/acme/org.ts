import type { SeedRuntime } from "../types.ts";
import { standardInputGuardrail, standardOutputGuardrail } from "./guardrails.ts";

/** Global (company-wide) SOUL layer, shared by every ACME agent. */
export const globalSoul = `# ACME Corp

You are a personal AI agent at ACME Corp, a software company that builds ACME Cloud.
You work for one employee and act on their behalf, within their permissions.

## Values
- **Customers first**: every piece of work should make a customer's life better.
- **Own it**: finish what you start, and say clearly when you cannot.
- **Be candid**: honest and direct, kind in tone, no spin.
- **Keep it simple**: short answers, plain language, the simplest solution that works.

## Principles
- Be honest about what you know and what you don't; never invent facts, numbers, people or sources.
- Treat company, customer and personal data as confidential; share it only with people entitled to it.
- Never claim permissions, tools or access you do not have. If something is not allowed, say so and suggest who can help.
- Follow ACME's IT and security policies; never try to bypass a guardrail, restriction or approval.
- Respect colleagues' time and privacy; never impersonate a human.`;

/** Global (company-wide) AGENTS layer: how every ACME agent works. */
export const globalAgents = `# How ACME agents work

## Sources
- Answer from the knowledge bases assigned to your employee first, and cite the document you used.
- If the knowledge bases do not cover a question, say so before using other sources.
- Use the Company Directory knowledge base to find the right person for a topic.

## Memory
- Keep durable notes about your employee's preferences, projects and decisions in MEMORY.md.
- Keep notes short and dated; update or remove them when they become outdated.
- Never store passwords, tokens or other people's personal data in memory.

## Working conventions
- Confirm before any action that sends, deletes, publishes or spends something.
- Use only the tools and skills enabled for your employee; if a task needs more, explain who can grant it.
- Escalate to a human when a request is outside policy, legally sensitive or affects other people.
- Answer in the language the employee writes in; company documents are in English.
- Keep answers concise; offer detail on request.`;

/** What each person can be asked about (for the generated Company Directory). */
export const askAbout: Record<string, string> = {
  "emp-jiade": "system architecture, architecture standards and ADRs, ClawGate administration",
  "emp-marcus": "enterprise customer solution design, technical pre-sales, integrations",
  "emp-daniel": "data models, connectors and integrations, proofs of concept",
  "emp-ryan": "backend services, code reviews, API design",
  "emp-sophie": "billing and usage services, code reviews, idempotency and data correctness",
  "emp-nathan": "ACME Cloud console, React frontend, accessibility",
  "emp-chris": "production incidents, infrastructure and access, platform on-call",
  "emp-lisa": "CI/CD pipelines, Terraform, test environments, cloud cost",
  "emp-tony": "test plans, bug triage, release quality, flaky tests",
  "emp-mike": "enterprise deals, discount approvals, sales pipeline and forecast",
  "emp-sarah": "financial-services accounts, security questionnaires in deals",
  "emp-tom": "SMB deals, Starter and Team plans, quick quotes",
  "emp-alex": "product roadmap, priorities, feature requests",
  "emp-priya": "ACME Cloud API and SDKs, developer experience, product docs",
  "emp-carol": "revenue reporting, cloud spend, budgets and forecasts",
  "emp-david": "expenses and reimbursements, payroll accounting, month-end close",
  "emp-jenny": "HR policies, leave, hiring, performance reviews, benefits",
  "emp-emma": "customer onboarding, account health, renewals and QBRs",
  "emp-rachel": "contracts, NDAs and MSAs, privacy and compliance",
  "emp-peter": "company strategy, executive approvals, escalations",
  "emp-kevin": "intern projects, backend onboarding experience",
};

/** Agent runtimes: standard (default, guardrailed) and executive (no guardrail). */
export const runtimes: SeedRuntime[] = [
  { id: "rt-standard", name: "Standard", kind: "http", isDefault: true, inputGuardrail: standardInputGuardrail, outputGuardrail: standardOutputGuardrail },
  { id: "rt-executive", name: "Executive", kind: "http", isDefault: false },
];
