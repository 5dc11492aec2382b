import type { SeedKnowledgeBase } from "../types.ts";

/** ACME knowledge bases (11). kb-org-directory is generated from org data elsewhere. */
export const knowledgeBases: SeedKnowledgeBase[] = [
  {
    id: "kb-policies",
    name: "Company Policies",
    description: "Company-wide policies every ACME employee must know: expenses, leave and information security.",
    assignedTo: "everyone",
    documents: [
      {
        file: "expense-policy.md",
        title: "Expense Policy",
        text: `# Expense Policy

Applies to all ACME employees and contractors. Owner: Finance. Last reviewed: July 2025.

## Principles
- Spend company money as if it were your own: reasonable, necessary and business-related.
- Submit every expense in the expense tool within 30 days, with an itemised receipt.
- Expenses above the limits below need written pre-approval from your manager.

## Limits (per person, including tax)
| Category | Limit |
|---|---|
| Meals while travelling | USD 75 per day |
| Client meals | USD 120 per attendee, approved by your manager |
| Hotels | USD 250 per night (USD 350 in New York, London, Tokyo) |
| Flights | Economy under 6 hours; premium economy above 6 hours |
| Software and subscriptions | USD 50 per month; above that, request through IT |
| Home office equipment | USD 500 once per two years |
| Training and conferences | USD 2,000 per year, agreed in your development plan |

## Not reimbursed
- Alcohol without a client present, fines, personal entertainment, upgrades paid with points.

## Approval
- Manager approves up to USD 2,500; above that the department head and Finance approve.
- Corporate cards are for business use only; personal use must be repaid within 7 days.

Questions: Finance (Carol Zhang or David Park).`,
      },
      {
        file: "leave-policy.md",
        title: "Leave Policy",
        text: `# Leave Policy

Owner: HR & Admin. Applies to full-time employees; part-time leave is pro-rated.

## Annual leave
- 25 days of paid annual leave per calendar year, plus public holidays of your office location.
- Up to 5 unused days carry over to the next year and expire on 31 March.
- Request leave in the HR system at least two weeks ahead for periods longer than three days.

## Sick leave
- Up to 10 paid sick days per year; tell your manager on the first morning.
- From the fourth consecutive day, a doctor's note is required.

## Other leave
- Parental leave: 16 weeks fully paid for the primary caregiver, 6 weeks for the secondary caregiver.
- Bereavement: up to 5 days for close family.
- Volunteering: 2 days per year for registered charities.
- Unpaid leave: up to 3 months after two years of service, with manager and HR approval.

## Company shutdown
- ACME closes between 24 December and 1 January; these days do not count against annual leave.

Interns receive 2 days of paid leave per month of internship.
Questions: HR (Jenny Liu).`,
      },
      {
        file: "security-policy.md",
        title: "Information Security Policy",
        text: `# Information Security Policy

Owner: Platform Team with Legal & Compliance. Mandatory for everyone, including AI agents acting for employees.

## Accounts and access
- Use single sign-on and hardware-key MFA for every company system.
- Never share passwords, tokens or API keys; store secrets only in the company vault.
- Access follows least privilege; request access through IT, never by borrowing someone else's account.

## Data classification
- **Public**: marketing pages, published docs.
- **Internal**: most documents and wikis; share inside ACME only.
- **Confidential**: customer data, contracts, financials, HR records; need-to-know only.
- **Restricted**: production secrets, payment data, board material; named people only.

## Devices
- Laptops must have disk encryption, automatic updates and the endpoint agent enabled.
- Lock your screen when you step away; report a lost device within one hour.

## AI tools
- Use only ACME-approved AI agents; do not paste Confidential or Restricted data into outside tools.
- Agents act with their owner's permissions and must not attempt to exceed them.

## Incidents
- Report suspected phishing, data leaks or compromised accounts to security@acme.example immediately.
- Do not investigate on your own or delete evidence.`,
      },
    ],
  },
  {
    id: "kb-onboarding",
    name: "Onboarding Guide",
    description: "Everything a new ACME employee needs in the first weeks: schedule, accounts, tools and people.",
    assignedTo: "everyone",
    documents: [
      {
        file: "week-one.md",
        title: "Your First Week at ACME",
        text: `# Your First Week at ACME

Welcome! This is the standard plan; your manager may adjust it for your team.

## Day 1 (Monday)
- 09:30 Welcome session with HR: contract, benefits, policies.
- 11:00 Laptop and account setup with IT (see "Tools and Accounts").
- 14:00 Meet your manager: role, expectations, your 30-60-90 day plan.
- Meet your onboarding buddy and get to know your personal AI agent in the portal.

## Day 2
- Company overview: ACME's mission, customers and the ACME Cloud product.
- Read the Company Policies knowledge base and complete the security training.

## Day 3
- Team deep dive: your team's goals, current projects and rituals.
- Shadow a colleague for half a day.

## Day 4
- Department introductions: 30-minute chats with Product, Sales and Customer Success.
- Engineers: set up the development environment and ship a small first change.

## Day 5
- Week-one check-in with your manager and buddy.
- Give HR feedback on your onboarding through the short survey.

Tip: ask your agent "who should I talk to about ...?"; it knows the company directory.`,
      },
      {
        file: "tools-and-accounts.md",
        title: "Tools and Accounts",
        text: `# Tools and Accounts

IT creates your accounts before day one. Sign in with single sign-on (SSO) everywhere.

| Tool | Used for | Who |
|---|---|---|
| ClawGate portal | Your personal AI agent, knowledge bases, skills | Everyone |
| Email and calendar | Communication, meetings | Everyone |
| Chat | Team channels, #help-it, #announcements | Everyone |
| Jira | Tickets, sprints, bugs | Engineering, Product, QA |
| GitHub | Source code and reviews | Engineering |
| CRM | Accounts, opportunities, contacts | Sales, Customer Success |
| SAP | Ledger, invoices, budgets | Finance |
| HR system | Leave, payslips, reviews | Everyone |

## First steps
1. Register a hardware security key with IT on day one.
2. Set up your chat profile with photo, team and time zone.
3. Open the ClawGate portal and say hello to your agent; optionally pair it with Telegram.
4. Join your team channels and #announcements.

## Getting help
- IT issues: #help-it or it@acme.example (response within 4 business hours).
- Access requests: through the IT portal, approved by your manager.`,
      },
    ],
  },
  {
    id: "kb-org-directory",
    name: "Company Directory",
    description: "Who is who at ACME: name, position, department, channels and what to ask them about. Generated from org data.",
    assignedTo: "everyone",
    documents: [],
  },
  {
    id: "kb-product",
    name: "Product Documentation",
    description: "ACME Cloud product overview, API reference and plans.",
    assignedTo: ["pos-pm", "pos-exec", "pos-sa", "pos-sde", "pos-devops", "pos-qa"],
    documents: [
      {
        file: "acme-cloud-overview.md",
        title: "ACME Cloud Overview",
        text: `# ACME Cloud Overview

ACME Cloud is a managed platform for running event-driven workflows and data pipelines.
Customers define workflows in YAML or through the console; ACME runs, scales and monitors them.

## Core components
- **Workflows**: directed graphs of steps triggered by schedules, webhooks or events.
- **Connectors**: 120+ prebuilt integrations (databases, SaaS apps, object storage, queues).
- **Runtime**: isolated workers in three regions (us-east, eu-central, ap-southeast).
- **Observability**: run history, logs, metrics and alerts per workflow.
- **Console**: web UI for building, deploying and debugging workflows.

## Key facts
- Availability SLA: 99.9% (Team plan), 99.95% (Enterprise plan).
- Data residency: customer data stays in the region chosen at workspace creation.
- Security: SOC 2 Type II, ISO 27001; encryption in transit (TLS 1.2+) and at rest (AES-256).
- Authentication: SSO via SAML or OIDC on Enterprise; API keys scoped per workspace.

## Typical customers
- Mid-size to large companies automating finance, retail and logistics data flows.
- Average Enterprise customer runs 400 workflows and 2 million steps per day.

## Release cadence
- Continuous delivery to production; customer-facing changes are announced in the monthly changelog.`,
      },
      {
        file: "api-reference.md",
        title: "ACME Cloud API Reference (v2)",
        text: `# ACME Cloud API Reference (v2)

Base URL: \`https://api.acme.example/v2\`. All requests and responses use JSON.

## Authentication
Send a workspace API key as \`Authorization: Bearer <key>\`. Keys are created in the console
under Settings > API keys and can be read-only or read-write.

## Endpoints
| Method | Path | Purpose |
|---|---|---|
| GET | /workflows | List workflows (paginated, \`?cursor=\`, \`?limit=\` up to 100) |
| POST | /workflows | Create a workflow from a definition |
| GET | /workflows/{id} | Get one workflow |
| POST | /workflows/{id}/runs | Start a run with an optional JSON input |
| GET | /runs/{id} | Run status: queued, running, succeeded, failed, cancelled |
| POST | /runs/{id}/cancel | Cancel a running run |
| GET | /runs/{id}/logs | Stream run logs |

## Conventions
- Errors return \`{"error": {"code": "...", "message": "..."}}\` with a matching HTTP status.
- Rate limit: 600 requests per minute per key; headers \`X-RateLimit-Remaining\` and \`Retry-After\`.
- Idempotency: send \`Idempotency-Key\` on POST requests to retry safely for 24 hours.
- Timestamps are ISO 8601 in UTC.

## Versioning
v1 is deprecated and will be switched off on 31 March 2026. Breaking changes only happen in a new major version.`,
      },
      {
        file: "plans-and-limits.md",
        title: "Plans and Limits",
        text: `# Plans and Limits

List prices in USD; Sales may offer discounts within the approval rules.

| | Starter | Team | Enterprise |
|---|---|---|---|
| Price | USD 99 / month | USD 899 / month | From USD 60,000 / year |
| Workflows | 10 | 200 | Unlimited |
| Steps per month | 100,000 | 5 million | Custom (from 50 million) |
| Regions | 1 | 1 | Multiple |
| SSO (SAML/OIDC) | No | No | Yes |
| SLA | None | 99.9% | 99.95% |
| Support | Community | Business hours, 8h response | 24/7, 1h response for P1 |
| Log retention | 7 days | 30 days | 365 days |

## Overage
- Team: USD 0.12 per 1,000 extra steps, billed monthly.
- Enterprise: agreed in the order form.

## Add-ons
- Dedicated runtime (single-tenant workers): from USD 24,000 / year.
- Premium connectors (SAP, Salesforce, Oracle): USD 6,000 / year each on Team; included on Enterprise.`,
      },
    ],
  },
  {
    id: "kb-arch",
    name: "Architecture Standards",
    description: "Engineering standards for service design, APIs, code review and testing at ACME.",
    assignedTo: ["pos-sa", "pos-sde", "pos-qa"],
    documents: [
      {
        file: "architecture-standards.md",
        title: "Architecture Standards",
        text: `# Architecture Standards

Owner: Solutions Architects (JiaDe Wang). Deviations need a written ADR approved by an architect.

## Services
- Services are stateless; state lives in PostgreSQL, Redis or object storage.
- One service owns each table; other services use its API or events, never its database.
- Services communicate over HTTP/JSON for requests and the event bus for asynchronous work.
- Every service exposes \`/healthz\`, structured JSON logs and Prometheus metrics.

## Languages and frameworks
- Backend: TypeScript (Node.js LTS) or Go. Frontend: React with TypeScript.
- New languages or databases require an ADR.

## Data
- Schema changes go through migrations that are backward compatible for one release.
- Personal data is tagged in the schema and never written to logs.
- Backups: point-in-time recovery with 14-day retention for all production databases.

## Reliability
- Timeouts on every outbound call; retries only with exponential backoff and jitter.
- Design for a single-zone failure without customer impact.
- Feature flags for risky changes; remove flags within 30 days of full rollout.

## Security
- Secrets come from the vault at runtime; never from code or environment files in Git.
- Dependencies are scanned in CI; critical vulnerabilities block the merge.`,
      },
      {
        file: "api-design-guidelines.md",
        title: "API Design Guidelines",
        text: `# API Design Guidelines

Applies to all public and internal HTTP APIs.

## Resources and naming
- Plural nouns for collections (\`/workflows\`), kebab-case paths, camelCase JSON fields.
- Use HTTP methods for their meaning: GET reads, POST creates or acts, PATCH updates, DELETE removes.
- IDs are opaque strings with a type prefix, for example \`wf_\`, \`run_\`.

## Requests and responses
- Paginate lists with cursors (\`cursor\`, \`limit\`); never return unbounded lists.
- Return one error shape: \`{"error": {"code", "message", "details"}}\`.
- Use 400 for invalid input, 401/403 for auth, 404 when missing, 409 for conflicts, 429 for rate limits.
- Support \`Idempotency-Key\` on every POST that creates something.

## Compatibility
- Adding optional fields is fine; removing or renaming fields is a breaking change.
- Breaking changes require a new major version and at least six months of deprecation notice.

## Documentation
- Every endpoint is described in the OpenAPI spec in the service repository.
- Update the Product Documentation knowledge base when a public API changes.`,
      },
      {
        file: "code-review-and-testing.md",
        title: "Code Review and Testing Standards",
        text: `# Code Review and Testing Standards

## Code review
- Every change reaches main through a pull request reviewed by at least one other engineer.
- Changes to billing, authentication or infrastructure need two reviewers, one from the owning team.
- Keep pull requests under about 400 changed lines; split larger work.
- Reviewers respond within one business day; authors resolve or reply to every comment.
- Review for correctness, tests, security and readability, in that order; style is the linter's job.

## Testing
- Unit tests for business logic; target 80% line coverage on new code.
- Integration tests for every API endpoint against a real database in CI.
- End-to-end tests for the critical paths: sign-up, create workflow, run workflow, billing.
- Flaky tests are quarantined within a day and fixed within a week; QA tracks them.

## Definition of done
- Tests pass in CI, the change is reviewed, docs are updated, and the feature flag plan is clear.
- For customer-facing changes, QA has signed off on the test plan.`,
      },
    ],
  },
  {
    id: "kb-runbooks",
    name: "Runbooks",
    description: "Operational runbooks: incident response, deployments and rollbacks, database failover.",
    assignedTo: ["pos-sde", "pos-devops"],
    documents: [
      {
        file: "incident-response.md",
        title: "Incident Response",
        text: `# Incident Response

## Severity levels
| Severity | Definition | Response |
|---|---|---|
| SEV1 | Outage or data loss for many customers | Page on-call immediately, 24/7 |
| SEV2 | Major feature degraded, workaround exists | On-call responds within 30 minutes |
| SEV3 | Minor issue, few customers affected | Next business day |

## Steps
1. **Acknowledge** the alert within 5 minutes and open a channel named \`#inc-<date>-<topic>\`.
2. **Assign roles**: incident commander (on-call DevOps), communications lead, subject experts.
3. **Assess impact**: which regions, customers and features; set the severity.
4. **Mitigate first**: roll back, fail over or disable the feature flag before hunting root cause.
5. **Communicate**: update the status page within 15 minutes for SEV1/SEV2, then every 30 minutes.
6. **Resolve** and confirm with metrics that customers are no longer affected.
7. **Review**: blameless post-mortem within 5 business days, with action items in Jira.

## Escalation
- SEV1: incident commander pages Chris Morgan (Platform lead) and the executive on call.
- Suspected security breach: also notify Legal & Compliance within one hour.
- Customer-facing communication for Enterprise accounts goes through Customer Success.`,
      },
      {
        file: "deploy-and-rollback.md",
        title: "Deploy and Rollback",
        text: `# Deploy and Rollback

Deploys are automated through the CI/CD pipeline; manual production changes are not allowed.

## Normal deploy
1. Merge the reviewed pull request to main; CI builds and tags the image.
2. The pipeline deploys to staging and runs the end-to-end suite.
3. Promote to production with a canary: 5% of traffic for 15 minutes.
4. Watch the canary dashboard: error rate, p95 latency, saturation.
5. If healthy, the pipeline rolls out to 100% region by region (ap-southeast, eu-central, us-east).

## Deploy windows
- Monday to Thursday, 09:00 to 16:00 local time of the on-call engineer.
- No deploys on Fridays, public holidays or during the year-end freeze without Platform lead approval.

## Rollback
- Trigger "Rollback" on the release in the pipeline; it redeploys the previous image in about 5 minutes.
- Roll back first and investigate later if the error rate doubles or p95 latency rises above 800 ms.
- Database migrations are backward compatible, so an application rollback never needs a schema rollback.
- Announce every rollback in #deploys with the release ID and reason.`,
      },
      {
        file: "database-failover.md",
        title: "Database Failover",
        text: `# Database Failover (PostgreSQL)

Each region runs a primary with a synchronous standby in another zone and an async read replica.

## When to fail over
- The primary is unreachable for more than 2 minutes, or
- The primary's zone is reported degraded by the cloud provider, or
- Replication lag makes the primary unsafe to keep (corruption, disk full with no quick fix).

## Procedure
1. Declare an incident (at least SEV2) and announce the failover in the incident channel.
2. Confirm the standby is healthy and replication lag is zero in the database dashboard.
3. Run the managed failover from the cloud console or the \`db-failover\` pipeline job.
4. Verify that the application connection pools reconnect (error rate returns to baseline).
5. Create a new standby from the old primary once it is back, or provision a fresh one.

## After the failover
- Check that backups are running against the new primary.
- Record timings and data-loss assessment (expected: none) in the post-mortem.
- Owner: Platform Team (Lisa Chen maintains this runbook).`,
      },
    ],
  },
  {
    id: "kb-cases",
    name: "Case Studies",
    description: "Customer case studies and reference stories for ACME Cloud.",
    assignedTo: ["pos-sa", "pos-ae", "pos-csm"],
    documents: [
      {
        file: "case-harbor-mutual-bank.md",
        title: "Case Study: Harbor Mutual Bank",
        text: `# Case Study: Harbor Mutual Bank

**Industry:** Financial services · **Size:** 4,200 employees · **Plan:** Enterprise (since 2023)
**Reference status:** Approved for calls and logo use.

## Challenge
Harbor Mutual reconciled card transactions with nightly batch scripts on ageing servers.
Failures were found only the next morning, and month-end close took six working days.

## Solution
- Moved 180 reconciliation and reporting jobs to ACME Cloud workflows in eu-central.
- Used the SAP and PostgreSQL connectors plus event triggers from their card processor.
- SSO through their identity provider and dedicated runtime for regulatory isolation.
- A Solutions Architect led a six-week migration with their platform team.

## Results
- Month-end close reduced from 6 to 2 working days.
- Failed jobs detected within 5 minutes instead of the next morning.
- 35% lower infrastructure cost after decommissioning 22 servers.
- Passed their regulator's outsourcing audit with ACME's SOC 2 report and DPA.

## Quote
"We stopped babysitting scripts and started trusting our numbers." (Head of Finance Operations)

Talking points: regulated industry, data residency, audit readiness.`,
      },
      {
        file: "case-bluepeak-retail.md",
        title: "Case Study: BluePeak Retail",
        text: `# Case Study: BluePeak Retail

**Industry:** Retail and e-commerce · **Size:** 900 employees, 140 stores · **Plan:** Team, upgraded to Enterprise in 2025
**Reference status:** Approved for written use; calls on request.

## Challenge
Inventory updates between stores, the web shop and the warehouse system ran every four hours.
During promotions the shop regularly sold items that were already out of stock.

## Solution
- Event-driven inventory workflows triggered by point-of-sale and warehouse events.
- Shopify and warehouse connectors; alerting to the operations chat channel.
- Started on the Team plan with 40 workflows; moved to Enterprise for multi-region and SSO.

## Results
- Inventory sync delay reduced from 4 hours to under 60 seconds.
- Overselling incidents down 92% during the holiday season.
- Two engineers freed from maintenance work to build new features.
- Expansion from USD 10,800 to USD 72,000 annual contract value within 14 months.

## Quote
"Black Friday was the first one where nobody on the team lost sleep." (VP Engineering)

Talking points: fast time to value, land-and-expand, peak-season reliability.`,
      },
    ],
  },
  {
    id: "kb-finance",
    name: "Financial Reports",
    description: "ACME financial reports and budgets. Confidential: Finance and executives only.",
    assignedTo: ["pos-fa", "pos-exec"],
    documents: [
      {
        file: "q3-financial-summary.md",
        title: "Q3 2025 Financial Summary",
        text: `# Q3 2025 Financial Summary (July to September)

Confidential. Prepared by Finance; figures in USD, unaudited.

## Headline figures
| Metric | Q3 2025 | Q2 2025 | Q3 2024 |
|---|---|---|---|
| Revenue | 18.4M | 17.1M | 14.2M |
| Annual recurring revenue (end of quarter) | 74.2M | 69.5M | 56.8M |
| Gross margin | 76.3% | 75.8% | 73.1% |
| Operating expenses | 15.9M | 15.2M | 13.0M |
| Operating income | -1.9M | -2.2M | -2.6M |
| Cash and equivalents | 41.7M | 44.0M | 52.3M |

## Comments
- Revenue grew 7.6% quarter over quarter and 29.6% year over year.
- Net revenue retention: 118%; gross churn: 1.9% of ARR for the quarter.
- New Enterprise logos: 14 (target 12); average new Enterprise ACV: USD 84,000.
- Cloud infrastructure cost: 3.1M (16.8% of revenue), down from 17.9% after the reserved-capacity purchase.
- Headcount: 412 at quarter end (+18), below plan by 7 open roles.
- Cash burn: 2.3M for the quarter; runway more than 4 years at the current rate.

## Q4 outlook
- Revenue guidance: 19.3M to 19.8M.
- Risks: two Enterprise renewals (combined ARR 1.4M) in negotiation; FX exposure on EUR contracts.`,
      },
      {
        file: "fy2025-budget.md",
        title: "FY2025 Budget Overview",
        text: `# FY2025 Budget Overview

Confidential. Approved by the executive team in January 2025; fiscal year equals calendar year.

## Company totals (USD)
| Item | Budget FY2025 | Actual YTD (Sep) | % used |
|---|---|---|---|
| Revenue | 71.0M | 52.6M | 74% |
| Cost of revenue | 17.0M | 12.6M | 74% |
| Operating expenses | 62.0M | 45.6M | 74% |

## Operating expenses by department
| Department | Budget | Actual YTD | Notes |
|---|---|---|---|
| Engineering | 27.5M | 20.4M | Includes Platform tooling |
| Sales | 14.0M | 10.9M | Commissions above plan (strong bookings) |
| Product | 4.2M | 3.0M | |
| Customer Success | 5.1M | 3.7M | |
| Finance, HR & Admin | 7.8M | 5.6M | |
| Legal & Compliance | 3.4M | 2.0M | ISO audit moved to Q4 |

## Rules
- Departments may move up to 5% between their own cost lines; more needs CFO approval.
- New headcount outside plan needs executive approval and a Finance business case.
- Reforecast happens in the first two weeks of each quarter.`,
      },
    ],
  },
  {
    id: "kb-hr",
    name: "HR Policies",
    description: "Internal HR procedures: hiring, performance reviews, compensation and benefits.",
    assignedTo: ["pos-hr"],
    documents: [
      {
        file: "hiring-process.md",
        title: "Hiring Process",
        text: `# Hiring Process

## Opening a role
1. Hiring manager submits a headcount request with job description and level.
2. Finance confirms budget; HR publishes the role within 3 business days.

## Interview loop
| Stage | Who | Duration |
|---|---|---|
| Recruiter screen | HR | 30 min |
| Hiring manager interview | Manager | 45 min |
| Skills interview (work sample or technical) | Two team members | 60-90 min |
| Values interview | Someone outside the team | 45 min |

- Every interviewer submits written feedback within 24 hours, before the debrief.
- Use the structured scorecard; do not discuss candidates before submitting feedback.
- Never ask about age, family plans, health, religion or other protected characteristics.

## Offer
- HR prepares the offer within the approved salary band; exceptions need the department head and Finance.
- References are checked for all roles at senior level and above.
- Target: offer within 5 business days of the final interview.

## Interns
- Internships run 3 to 6 months with a named mentor and a defined project.`,
      },
      {
        file: "performance-reviews.md",
        title: "Performance Reviews",
        text: `# Performance Reviews

## Cycle
- Two formal reviews per year: mid-year (July) and year-end (January).
- Monthly one-to-ones between every employee and their manager.

## Process
1. Employee writes a self-assessment against their goals (2 weeks).
2. Manager collects feedback from 2-4 peers chosen together with the employee.
3. Manager drafts the review and a rating; calibration within the department.
4. Review conversation, followed by written summary in the HR system within 5 days.

## Ratings
| Rating | Meaning |
|---|---|
| Exceptional | Consistently far beyond the role's expectations |
| Strong | Fully meets and often exceeds expectations |
| Solid | Meets expectations |
| Developing | Partly meets expectations; development plan required |

## Performance improvement
- A "Developing" rating leads to a written plan with clear goals and 60 days of support.
- HR (Jenny Liu) must be involved before any performance plan is shared with the employee.`,
      },
      {
        file: "compensation-and-benefits.md",
        title: "Compensation and Benefits",
        text: `# Compensation and Benefits

Confidential HR reference. Individual salaries are never shared outside HR, Finance and the direct manager chain.

## Salary bands
- Every role has a level (L1 to L8) and a salary band per location, reviewed each January.
- Offers and raises must stay within the band; exceptions need HR and Finance approval.
- Annual merit increases are effective 1 April, budget 4% of payroll in 2025.

## Bonus and equity
- Company bonus target: 10% of base salary (L1-L4), 15% (L5-L6), 20% (L7-L8).
- Sales roles use commission plans instead of the company bonus.
- Stock options for all permanent employees, vesting over 4 years with a 1-year cliff.

## Benefits
- Health insurance for employees and dependants, 100% of premium paid by ACME.
- Pension: ACME matches contributions up to 5% of base salary.
- Learning budget: USD 2,000 per year; wellbeing allowance: USD 600 per year.
- Hybrid work: up to 3 remote days per week; home office allowance per the expense policy.`,
      },
    ],
  },
  {
    id: "kb-legal",
    name: "Contract Templates",
    description: "ACME's standard contract templates and guidance for Legal & Compliance.",
    assignedTo: ["pos-legal"],
    documents: [
      {
        file: "nda-template.md",
        title: "Mutual NDA Template",
        text: `# Mutual Non-Disclosure Agreement (Template v3.2)

This Agreement is made on [DATE] between ACME Corp ("ACME") and [COUNTERPARTY] ("Counterparty"),
each a "Party".

1. **Purpose.** The Parties wish to evaluate a possible business relationship (the "Purpose").
2. **Confidential Information.** Any non-public information disclosed by one Party to the other,
   in any form, that is marked confidential or would reasonably be understood to be confidential.
3. **Obligations.** The receiving Party shall use Confidential Information only for the Purpose,
   protect it with at least reasonable care, and disclose it only to employees and advisers who
   need to know and are bound by similar obligations.
4. **Exclusions.** Information that is public through no fault of the receiving Party, already
   known to it, independently developed, or lawfully received from a third party.
5. **Compelled disclosure.** Permitted if required by law, with prompt notice where lawful.
6. **Return or destruction.** On request, within 30 days, except copies kept under legal or
   backup retention obligations.
7. **Term.** Two (2) years from the date above; obligations survive for three (3) years after expiry.
8. **No licence.** No rights are granted other than those expressly stated.
9. **Governing law.** The laws of [JURISDICTION]; courts of [VENUE].

Signed for ACME Corp: ____________ Signed for [COUNTERPARTY]: ____________

Guidance: Sales may send this template unchanged without Legal review. Any edit needs Legal.`,
      },
      {
        file: "msa-template.md",
        title: "Master Services Agreement Template",
        text: `# Master Services Agreement (Template v5.0, summary of key clauses)

Between ACME Corp ("ACME") and [CUSTOMER] ("Customer"). Order forms under this MSA specify plan,
volumes, fees and term.

1. **Services.** ACME provides ACME Cloud as described in the documentation and the order form.
2. **Fees and payment.** Fees invoiced annually in advance; payment within 30 days of invoice.
   Late amounts bear interest of 1% per month.
3. **Service levels.** As in the SLA exhibit; service credits are the Customer's sole remedy for downtime.
4. **Customer data.** Customer owns its data; ACME processes it under the Data Processing Addendum.
5. **Confidentiality.** Mutual, surviving five (5) years after termination.
6. **Warranties.** ACME warrants the Services will materially conform to the documentation.
7. **Limitation of liability.** Each Party's total liability is capped at the fees paid in the
   twelve (12) months before the claim. No liability for indirect or consequential damages.
   Carve-outs: confidentiality breaches, indemnities, and payment obligations.
8. **Indemnity.** ACME defends the Customer against third-party IP infringement claims.
9. **Term and termination.** Initial term per order form; renews for 12 months unless either
   Party gives 60 days' notice. Either Party may terminate for uncured material breach (30 days).
10. **Governing law.** [JURISDICTION].

## Negotiation guidance
- Liability cap up to 2x annual fees: Legal may approve.
- Uncapped liability, source-code escrow or unlimited audit rights: executive approval required.`,
      },
    ],
  },
  {
    id: "kb-customer",
    name: "Customer Playbooks",
    description: "Customer Success playbooks: onboarding, health scoring, QBRs and renewals.",
    assignedTo: ["pos-csm"],
    documents: [
      {
        file: "customer-onboarding-playbook.md",
        title: "Customer Onboarding Playbook",
        text: `# Customer Onboarding Playbook

Goal: the customer runs their first production workflow within 30 days of signature.

## Day 0 to 2: handover
- Account Executive sends the handover note: goals, stakeholders, promises made, contract dates.
- CSM reviews the note and the CRM record; clarify gaps with the AE before the kickoff.

## Week 1: kickoff
- 60-minute kickoff with the customer sponsor and technical lead.
- Agree on 2-3 success criteria with measurable targets and dates.
- Share the onboarding plan and the support channels.

## Weeks 2 to 3: enablement
- Two enablement sessions: workflow basics and connectors relevant to their use case.
- For Enterprise: a Solutions Architect joins for the architecture review.
- Check weekly: workspaces created, workflows deployed, active users.

## Week 4: go-live
- First production workflow live; confirm monitoring and alerting are set up.
- Send a go-live summary to the sponsor and record it in the CRM.

## Red flags (escalate to the AE and CS lead)
- No technical contact assigned by week 2.
- No workflow deployed by day 21.`,
      },
      {
        file: "health-score-and-renewals.md",
        title: "Health Score and Renewals",
        text: `# Health Score and Renewals

## Health score (0 to 100, updated weekly in the CRM)
| Signal | Weight |
|---|---|
| Product usage vs. contracted volume | 30% |
| Active users trend (last 30 days) | 20% |
| Open P1/P2 support tickets | 15% |
| Sponsor engagement (meetings, replies) | 20% |
| NPS or survey response | 15% |

- **Green (75-100):** look for expansion; ask for a reference.
- **Yellow (50-74):** action plan within 2 weeks; review in the weekly CS meeting.
- **Red (0-49):** escalate to the CS lead and the AE within 2 business days; executive sponsor call.

## Renewal timeline
- 120 days before: renewal review in the CRM, confirm the decision maker.
- 90 days before: value summary shared with the sponsor.
- 60 days before: AE sends the renewal quote; notice periods in the MSA are usually 60 days.
- 30 days before: signature expected; escalate any delay to Sales management.

Record churn reasons in the CRM for every lost renewal.`,
      },
      {
        file: "qbr-playbook.md",
        title: "Quarterly Business Review Playbook",
        text: `# Quarterly Business Review (QBR) Playbook

QBRs are for Enterprise customers and Team customers above USD 20,000 ARR.

## Preparation (at least 3 business days before)
- Pull usage, uptime and support statistics for the quarter.
- Review progress against the success criteria agreed at onboarding.
- Draft the deck with the standard template (maximum 12 slides).
- Align with the AE on commercial topics and with Product on roadmap items that may be shared.

## Agenda (60 minutes)
1. Customer's business priorities and changes (10 min)
2. Outcomes achieved and value delivered (15 min)
3. Usage, reliability and support review (10 min)
4. Recommendations and next-quarter goals (15 min)
5. Roadmap highlights, only approved items (5 min)
6. Actions and owners (5 min)

## After the QBR
- Send the summary with actions and owners within 2 business days.
- Update success criteria and health score in the CRM.`,
      },
    ],
  },
];
