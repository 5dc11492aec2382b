import type { Capability, SeedSkill } from "../types.ts";

interface SkillDef {
  name: string;
  description: string;
  allowedRoles: string[];
  blockedRoles: string[];
  /** Platform capabilities the instructions rely on (checked against the text like any submitted package). */
  permissions: Capability[];
  /** Secrets an admin sets for the skill (never in the package). */
  requiredSecrets: string[];
  /** Instructions of the SKILL.md, after the frontmatter. */
  body: string;
}

const defs: SkillDef[] = [
  {
    name: "web-search",
    description: "Search the public web for current information and return sourced results.",
    allowedRoles: ["*"],
    blockedRoles: [],
    permissions: ["web_search"],
    requiredSecrets: [],
    body: `# Web Search

Use this skill when the answer depends on current or public information that is not in the knowledge bases.
- Check the assigned knowledge bases first; search the web only for what they do not cover.
- Write focused queries with the key terms, product names and a year when recency matters.
- Prefer primary sources: official docs, vendor sites, standards bodies, reputable news.
- Open and read the most relevant results before answering; do not answer from snippets alone.
- Cite every source with its title and URL.
- Never send confidential ACME or customer information as part of a query.`,
  },
  {
    name: "jina-reader",
    description: "Fetch a web page and convert it to clean, readable markdown.",
    allowedRoles: ["*"],
    blockedRoles: [],
    permissions: ["web_search"],
    requiredSecrets: ["JINA_API_KEY"],
    body: `# Jina Reader

Use this skill to read the full content of a specific URL the user gives you or that a search returned.
- Fetch the page through the reader endpoint to get markdown without navigation and ads.
- Work from the returned text; quote exact passages when precision matters.
- If the page is long, extract only the sections relevant to the question.
- If the fetch fails or the page needs a login, say so; do not guess its content.
- Do not fetch internal ACME URLs or pages with credentials in the query string.`,
  },
  {
    name: "deep-research",
    description: "Run a multi-step research process and produce a sourced report.",
    allowedRoles: ["*"],
    blockedRoles: ["intern"],
    permissions: ["web_search"],
    requiredSecrets: [],
    body: `# Deep Research

Use this skill for questions that need many sources and synthesis, such as market scans,
technology comparisons or competitor analysis. Not for quick facts.
1. Restate the research question and agree on scope and depth with the user.
2. Break it into 3-6 sub-questions and search each one separately.
3. Read the strongest sources in full; note claims, figures and dates.
4. Cross-check important claims in at least two independent sources.
5. Write a report: summary, findings per sub-question, open questions, sources.
6. Mark clearly what is fact, what is estimate and what is your judgement.
Tell the user roughly how long the research will take before starting.`,
  },
  {
    name: "s3-files",
    description: "List, read and upload files in the employee's S3 storage area.",
    allowedRoles: ["*"],
    blockedRoles: [],
    permissions: ["file", "file_write"],
    requiredSecrets: [],
    body: `# S3 Files

Use this skill to work with files the employee stores in their ACME S3 area.
- List before reading, and confirm the exact object key with the user when several match.
- Read text, CSV, JSON and markdown directly; summarise large files instead of dumping them.
- Upload only files the user asked you to save, under their own prefix.
- Never overwrite or delete an object without explicit confirmation.
- Do not move files into shared or public buckets.`,
  },
  {
    name: "summarize",
    description: "Summarise documents, threads, meetings or web pages into concise notes.",
    allowedRoles: ["*"],
    blockedRoles: [],
    permissions: ["file"],
    requiredSecrets: [],
    body: `# Summarize

Use this skill when the user wants the essence of long material.
- Ask for, or infer, the audience and the desired length before summarising.
- Lead with the key conclusion, then the supporting points as bullets.
- Keep decisions, owners, dates and numbers exactly as in the source.
- Separate what the source says from your own interpretation.
- For meetings and threads, end with a list of action items and owners.
- Keep confidential material classified as it was in the source.`,
  },
  {
    name: "self-improving-agent",
    description: "Learn from corrections and feedback by recording lessons in memory.",
    allowedRoles: ["*"],
    blockedRoles: [],
    permissions: [],
    requiredSecrets: [],
    body: `# Self-Improving Agent

Use this skill after the user corrects you, rejects an answer or states a preference.
- Write a short lesson to MEMORY.md: what happened, what to do differently, date.
- Keep lessons specific ("Carol wants tables for numbers"), not generic.
- Before similar tasks, review the relevant lessons and apply them.
- Merge duplicate lessons and remove ones the user says are outdated.
- Never record secrets, passwords or other people's personal data as lessons.`,
  },
  {
    name: "github",
    description: "Work with GitHub repositories, issues, pull requests and reviews.",
    allowedRoles: ["engineering", "devops", "qa"],
    blockedRoles: ["intern"],
    permissions: ["shell", "file"],
    requiredSecrets: [],
    body: `# GitHub

Use this skill for repository work: reading code, issues, pull requests and CI status.
- Use the GitHub CLI with the employee's own credentials; never use shared tokens.
- Summarise pull requests by intent, risk and test coverage before line-level comments.
- When reviewing, comment on correctness, tests and security first; leave style to linters.
- Open pull requests from a branch with a clear title, description and linked Jira ticket.
- Never push to main, force-push shared branches or merge without the required review.
- Do not change repository settings, secrets or branch protection.`,
  },
  {
    name: "jira-query",
    description: "Search and summarise Jira issues, sprints and epics.",
    allowedRoles: ["engineering", "product", "qa", "management"],
    blockedRoles: ["intern"],
    permissions: ["web_search"],
    requiredSecrets: ["JIRA_API_TOKEN"],
    body: `# Jira Query

Use this skill to find and summarise work tracked in Jira.
- Translate the request into JQL; show the query you used.
- Default to open issues in the user's projects unless asked otherwise.
- Summarise by status, priority and assignee; highlight blocked and overdue items.
- For sprint reports include committed vs. completed points and carry-over.
- Create or edit issues only when the user explicitly asks, and confirm the fields first.`,
  },
  {
    name: "firecrawl",
    description: "Crawl a website and extract structured content from multiple pages.",
    allowedRoles: ["engineering", "product", "devops"],
    blockedRoles: [],
    permissions: ["web_search"],
    requiredSecrets: ["FIRECRAWL_API_KEY"],
    body: `# Firecrawl

Use this skill when you need content from many pages of one site, such as documentation
portals or competitor product pages. For a single page, use jina-reader instead.
- Limit the crawl to the relevant path and a page budget (default 25 pages).
- Respect robots.txt and the site's terms; do not crawl behind logins.
- Extract the fields the user needs into a table or structured notes.
- Cite the URL of every extracted item.
- Do not crawl ACME internal systems or customer sites without permission.`,
  },
  {
    name: "crm-query",
    description: "Look up accounts, contacts, opportunities and activities in the CRM.",
    allowedRoles: ["sales", "csm", "management"],
    blockedRoles: [],
    permissions: ["web_search"],
    requiredSecrets: ["CRM_API_TOKEN"],
    body: `# CRM Query

Use this skill to answer questions about customers and the sales pipeline.
- Search by account name, opportunity or contact; confirm the right account when names are similar.
- For account briefs include: plan, ARR, renewal date, open opportunities, health score, last contact.
- For pipeline views group by stage and close month, with amounts and probability.
- Only show records the employee is allowed to see; never combine data across customers for outsiders.
- Log activities or update fields only when the user asks, and confirm the change.`,
  },
  {
    name: "aws-ses-mailer",
    description: "Draft and send emails through Amazon SES on the employee's behalf.",
    allowedRoles: ["sales", "csm", "hr", "management"],
    blockedRoles: ["intern"],
    permissions: ["web_search"],
    requiredSecrets: [],
    body: `# AWS SES Mailer

Use this skill to send emails the user has approved.
- Always show the full draft (recipients, subject, body, attachments) and wait for explicit approval.
- Send from the employee's own address only.
- Keep emails short, with one clear call to action.
- Never send bulk or marketing email with this skill; use the marketing platform instead.
- Do not include Confidential data unless the recipient is entitled to it.
- Report the SES message ID after sending.`,
  },
  {
    name: "aws-nova-sonic-caller",
    description: "Place and summarise voice calls using Amazon Nova Sonic.",
    allowedRoles: ["sales", "csm"],
    blockedRoles: [],
    permissions: ["web_search"],
    requiredSecrets: [],
    body: `# AWS Nova Sonic Caller

Use this skill for short, scripted voice calls such as confirming meetings or reminders.
- Agree the purpose, script and number with the user before every call.
- Introduce yourself as an AI assistant calling on behalf of the employee, by name.
- Stay on script; hand over to the employee for negotiation, complaints or anything sensitive.
- Do not call outside 09:00-18:00 in the recipient's time zone.
- After the call, write a summary with outcome and next step and log it in the CRM.`,
  },
  {
    name: "aws-sns-notify",
    description: "Send short notifications by SMS or push through Amazon SNS.",
    allowedRoles: ["sales", "csm", "management"],
    blockedRoles: ["intern"],
    permissions: ["web_search"],
    requiredSecrets: [],
    body: `# AWS SNS Notify

Use this skill for brief, time-sensitive notifications to colleagues or opted-in customers.
- Keep messages under 160 characters with a clear action or link.
- Confirm recipients and text with the user before sending.
- Send only to numbers or topics that have opted in.
- Never include passwords, personal data or contract details in a notification.
- Report delivery status after sending.`,
  },
  {
    name: "pptx-creator",
    description: "Create PowerPoint presentations from an outline or a document.",
    allowedRoles: ["sales", "csm", "product", "management"],
    blockedRoles: ["intern"],
    permissions: ["file", "file_write"],
    requiredSecrets: [],
    body: `# PPTX Creator

Use this skill to turn content into a slide deck.
- Agree on audience, purpose and slide count first (default 8-12 slides).
- Start from the ACME template; one message per slide, titles as full sentences.
- Use at most 5 bullets per slide and move detail to speaker notes.
- Put numbers in simple charts or tables and cite their source.
- Save the file to the employee's workspace and share the path.
- Only include roadmap items that are approved for external use.`,
  },
  {
    name: "notion",
    description: "Search, read and update pages in the ACME Notion workspace.",
    allowedRoles: ["product", "engineering", "management"],
    blockedRoles: ["intern"],
    permissions: ["web_search"],
    requiredSecrets: ["NOTION_API_KEY"],
    body: `# Notion

Use this skill for specs, meeting notes and team wikis stored in Notion.
- Search by title and keywords; confirm the page before editing.
- Read the page and its latest comments before summarising or changing it.
- Edit only pages the employee owns or is asked to update; keep the existing structure.
- Add a short change note at the bottom when you modify a shared page.
- Do not change page permissions or move pages between teamspaces.`,
  },
  {
    name: "transcript",
    description: "Fetch and analyse transcripts of recorded meetings and videos.",
    allowedRoles: ["product", "management"],
    blockedRoles: [],
    permissions: ["web_search", "file"],
    requiredSecrets: [],
    body: `# Transcript

Use this skill to work with the transcript of a recorded meeting, interview or video.
- Fetch the transcript for the recording the user names; confirm date and participants.
- Summarise into decisions, open questions and action items with owners.
- For customer interviews, extract pain points and quotes with timestamps.
- Quote speakers accurately; do not attribute statements you are unsure about.
- Treat recordings as confidential to their participants.`,
  },
  {
    name: "sap-connector",
    description: "Read financial data from SAP such as ledgers, invoices and cost centres.",
    allowedRoles: ["finance", "management"],
    blockedRoles: [],
    permissions: ["web_search"],
    requiredSecrets: ["SAP_CLIENT_SECRET"],
    body: `# SAP Connector

Use this skill to pull financial data from SAP for analysis and reporting.
- Access is read-only: never post, change or reverse entries.
- Always state company code, period and currency of the data you return.
- Prefer standard reports (trial balance, cost-centre report, open items) over ad-hoc queries.
- Reconcile totals against the source report before using them in analysis.
- Share results only with people entitled to financial data.`,
  },
  {
    name: "excel-gen",
    description: "Generate Excel workbooks with tables, formulas and charts.",
    allowedRoles: ["finance", "management", "hr"],
    blockedRoles: [],
    permissions: ["file", "file_write"],
    requiredSecrets: [],
    body: `# Excel Generator

Use this skill to produce spreadsheets from data or a description.
- Put raw data, calculations and summary on separate sheets.
- Use formulas rather than pasted values so the workbook stays auditable.
- Format headers, freeze the top row, and apply number formats (currency, %, dates).
- Add a notes sheet with sources, assumptions and the date of the data.
- Save to the employee's workspace and give the file path.`,
  },
  {
    name: "aws-s3-docs",
    description: "Search and retrieve controlled documents from the departmental S3 document store.",
    allowedRoles: ["finance", "legal", "management"],
    blockedRoles: [],
    permissions: ["web_search", "file"],
    requiredSecrets: [],
    body: `# AWS S3 Docs

Use this skill to find official documents (signed contracts, reports, audit evidence) in the
departmental document store.
- Search by document type, counterparty or period; confirm the version before using it.
- Always use the latest signed or approved version and mention its date.
- Documents are read-only; never upload over or delete existing documents.
- Respect the classification in the metadata; do not share Restricted documents.`,
  },
  {
    name: "himalaya",
    description: "Read, search and draft email in the employee's mailbox via the Himalaya CLI.",
    allowedRoles: ["hr", "management"],
    blockedRoles: [],
    permissions: ["shell"],
    requiredSecrets: [],
    body: `# Himalaya Email

Use this skill to manage the employee's mailbox from the command line.
- List and search messages by sender, subject or date before opening them.
- Summarise long threads, highlighting requests and deadlines.
- Draft replies for review; send only after explicit approval.
- Never forward personal or HR-confidential messages outside the entitled audience.
- Do not delete or move messages unless the user asks.`,
  },
  {
    name: "calendar-check",
    description: "Check availability and propose or book meeting slots in calendars.",
    allowedRoles: ["hr", "management", "csm"],
    blockedRoles: [],
    permissions: ["web_search"],
    requiredSecrets: [],
    body: `# Calendar Check

Use this skill to find meeting times and manage invitations.
- Check free/busy for all participants, respecting their working hours and time zones.
- Propose 2-3 slots; book only after the user picks one.
- Include agenda, video link and duration in every invitation.
- Do not read the content of other people's private events.
- Avoid booking over lunch (12:00-13:00) and focus blocks unless asked.`,
  },
  {
    name: "aws-transcribe-notes",
    description: "Transcribe audio recordings with Amazon Transcribe and turn them into notes.",
    allowedRoles: ["hr", "product", "management"],
    blockedRoles: [],
    permissions: ["web_search", "file_write"],
    requiredSecrets: [],
    body: `# AWS Transcribe Notes

Use this skill to turn an audio recording into a transcript and structured notes.
- Confirm that all participants agreed to be recorded before processing.
- Transcribe with speaker labels; correct obvious names and product terms.
- Produce notes: summary, decisions, action items with owners and dates.
- Store transcripts in the employee's workspace only; delete the audio when asked.
- For HR conversations, keep notes factual and free of opinion.`,
  },
  {
    name: "aws-bedrock-kb-search",
    description: "Semantic search over the legal and compliance knowledge base in Amazon Bedrock.",
    allowedRoles: ["legal", "management"],
    blockedRoles: [],
    permissions: ["web_search"],
    requiredSecrets: [],
    body: `# AWS Bedrock KB Search

Use this skill to find clauses, precedents and policies in the legal knowledge base.
- Phrase queries in legal terms (for example "limitation of liability carve-outs").
- Return the matching passages with document name, version and clause number.
- Compare retrieved clauses with the current template and point out differences.
- Results are research material, not legal advice; the counsel decides.
- Keep privileged material within Legal & Compliance and management.`,
  },
  {
    name: "aws-nova-canvas",
    description: "Generate images and simple visuals with Amazon Nova Canvas.",
    allowedRoles: ["sales", "csm", "product", "management"],
    blockedRoles: ["intern"],
    permissions: ["web_search", "file_write"],
    requiredSecrets: [],
    body: `# AWS Nova Canvas

Use this skill to create illustrations and visuals for slides, mock-ups and documents.
- Agree on purpose, style and size before generating.
- Follow the ACME brand: clean, light backgrounds, blue accent colour, no clutter.
- Never generate real people, customer logos or trademarks without permission.
- Label generated images as AI-generated when used externally.
- Save results to the employee's workspace with a descriptive file name.`,
  },
  {
    name: "gog",
    description: "Work with Google Workspace (Gmail, Calendar, Drive, Docs, Sheets) via the gog CLI.",
    allowedRoles: ["sales", "csm", "hr", "management"],
    blockedRoles: ["intern"],
    permissions: ["shell"],
    requiredSecrets: [],
    body: `# gog (Google Workspace)

Use this skill for Google Workspace tasks: finding Drive files, reading Docs and Sheets,
drafting Gmail messages and checking Calendar.
- Authenticate as the employee; never use another person's account.
- Search Drive by name and owner; confirm the file before editing.
- Draft emails and documents for review; send or share only after approval.
- Do not change sharing settings to "anyone with the link".
- Summarise what you changed after every edit.`,
  },
  {
    name: "skill-vetter",
    description: "Review a third-party skill for security and policy risks before it is enabled.",
    allowedRoles: ["engineering", "devops", "management"],
    blockedRoles: [],
    permissions: ["file"],
    requiredSecrets: [],
    body: `# Skill Vetter

Use this skill before installing or enabling any skill that is not in the ACME catalogue.
- Read the SKILL.md and every script the skill ships with.
- Flag network calls, credential access, file writes outside the workspace and obfuscated code.
- Check that the requested tools match the skill's stated purpose.
- Rate the risk (low, medium, high) with reasons and a recommendation.
- High-risk skills are never enabled without Platform Team approval.
- Record the review in the skill request ticket.`,
  },
];

/** ACME skill catalogue (26): full manifests (version 1.0.0, role rules, permissions, required secrets) and SKILL.md text. */
export const skills: SeedSkill[] = defs.map((d) => ({
  name: d.name,
  version: "1.0.0",
  description: d.description,
  allowedRoles: d.allowedRoles,
  blockedRoles: d.blockedRoles,
  permissions: d.permissions,
  requiredSecrets: d.requiredSecrets,
  skillMd: `---\nname: ${d.name}\ndescription: ${d.description}\n---\n\n${d.body}\n`,
}));
