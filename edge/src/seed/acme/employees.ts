import type { SeedEmployee } from "../types.ts";

/** ACME employees (21). Email: `<part after "emp-">@acme.example`. */
export const employees: SeedEmployee[] = [
  {
    id: "emp-jiade", name: "JiaDe Wang", employeeNumber: "EMP-001", email: "jiade@acme.example",
    positionId: "pos-sa", departmentId: "dept-eng", role: "admin", tags: [],
    personalSoul: `I like to see the whole system before I zoom in, so start with a diagram or a short outline.
Give me the trade-offs side by side and tell me which one you would pick.
I switch between English and Mandarin; answer in the language I write in.`,
  },
  {
    id: "emp-marcus", name: "Marcus Bell", employeeNumber: "EMP-002", email: "marcus@acme.example",
    positionId: "pos-sa", departmentId: "dept-eng", role: "employee", tags: [],
    personalSoul: `Most of my week is spent with enterprise customers, so help me turn technical detail into clear talking points.
I prefer bullet points over prose and concrete numbers over adjectives.`,
  },
  {
    id: "emp-daniel", name: "Daniel Kim", employeeNumber: "EMP-003", email: "daniel@acme.example",
    positionId: "pos-sa", departmentId: "dept-eng", role: "employee", tags: [],
    personalSoul: `I care a lot about data models and integrations; challenge my schemas if they look fragile.
When I ask for a proof of concept, keep it minimal and runnable.
Remind me to write down decisions; I tend to forget.`,
  },
  {
    id: "emp-ryan", name: "Ryan Park", employeeNumber: "EMP-004", email: "ryan@acme.example",
    positionId: "pos-sde", departmentId: "dept-eng-backend", role: "employee", tags: [],
    personalSoul: `I work mostly in TypeScript and Go on backend services.
Show me code, not essays, and point out missing tests or error handling in anything I write.`,
  },
  {
    id: "emp-sophie", name: "Sophie Turner", employeeNumber: "EMP-005", email: "sophie@acme.example",
    positionId: "pos-sde", departmentId: "dept-eng-backend", role: "employee", tags: [],
    personalSoul: `I own the billing and usage services, so correctness and idempotency matter more to me than speed.
When you review my changes, be blunt about edge cases.
I like short daily summaries of what I worked on.`,
  },
  {
    id: "emp-nathan", name: "Nathan Brooks", employeeNumber: "EMP-006", email: "nathan@acme.example",
    positionId: "pos-sde", departmentId: "dept-eng-frontend", role: "employee", tags: [],
    personalSoul: `I build the ACME Cloud console in React; accessibility and performance are my pet topics.
Suggest the simplest component structure that works, and flag anything that breaks keyboard navigation.`,
  },
  {
    id: "emp-chris", name: "Chris Morgan", employeeNumber: "EMP-007", email: "chris@acme.example",
    positionId: "pos-devops", departmentId: "dept-eng-platform", role: "admin", tags: [],
    personalSoul: `I lead the Platform Team and I am often on call, so answers must be short and actionable.
Always include the rollback step, and never assume a command is safe just because it worked in staging.`,
  },
  {
    id: "emp-lisa", name: "Lisa Chen", employeeNumber: "EMP-008", email: "lisa@acme.example",
    positionId: "pos-devops", departmentId: "dept-eng-platform", role: "employee", tags: [],
    personalSoul: `I look after CI/CD, Terraform and our test environments.
I like checklists and reproducible steps; if something is manual, help me automate it.
Keep an eye on cloud cost when we change infrastructure.`,
  },
  {
    id: "emp-tony", name: "Tony Reed", employeeNumber: "EMP-009", email: "tony@acme.example",
    positionId: "pos-qa", departmentId: "dept-eng-qa", role: "employee", tags: [],
    personalSoul: `I try to break things before customers do.
Help me find the edge cases I missed and turn manual checks into automated tests.
Bug reports I write should be reproducible by someone who has never seen the feature.`,
  },
  {
    id: "emp-mike", name: "Mike Johnson", employeeNumber: "EMP-011", email: "mike@acme.example",
    positionId: "pos-ae", departmentId: "dept-sales-ent", role: "manager", tags: [],
    personalSoul: `I run Enterprise Sales and I live in the pipeline review.
Give me the forecast risk first and the deal detail second.
I like direct, upbeat language, but no exaggeration in anything that goes to a customer.`,
  },
  {
    id: "emp-sarah", name: "Sarah Kim", employeeNumber: "EMP-012", email: "sarah@acme.example",
    positionId: "pos-ae", departmentId: "dept-sales-ent", role: "employee", tags: [],
    personalSoul: `I sell to financial-services companies, so security and compliance questions come up in every deal.
Help me prepare for calls with a short account brief and the three questions I should ask.`,
  },
  {
    id: "emp-tom", name: "Tom Wilson", employeeNumber: "EMP-013", email: "tom@acme.example",
    positionId: "pos-ae", departmentId: "dept-sales-smb", role: "employee", tags: [],
    personalSoul: `I handle a high volume of small deals, so speed matters.
Draft follow-up emails I can send with one or two edits, and keep them under 120 words.`,
  },
  {
    id: "emp-alex", name: "Alex Rivera", employeeNumber: "EMP-015", email: "alex@acme.example",
    positionId: "pos-pm", departmentId: "dept-product", role: "manager", tags: [],
    personalSoul: `I lead Product and spend my days balancing requests from every team.
Push back if I am prioritising by who shouts loudest instead of by evidence.
I like one-page summaries with the decision I need to make at the top.`,
  },
  {
    id: "emp-priya", name: "Priya Patel", employeeNumber: "EMP-014", email: "priya@acme.example",
    positionId: "pos-pm", departmentId: "dept-product", role: "employee", tags: [],
    personalSoul: `I own the developer experience of ACME Cloud: APIs, SDKs and docs.
Help me turn customer interviews into clear problem statements, and keep user stories small and testable.`,
  },
  {
    id: "emp-carol", name: "Carol Zhang", employeeNumber: "EMP-016", email: "carol@acme.example",
    positionId: "pos-fa", departmentId: "dept-finance", role: "employee", tags: [],
    personalSoul: `I am the Finance Analyst for revenue and cloud spend.
Numbers need sources; if you are not sure of a figure, say so instead of estimating quietly.
I prefer tables over paragraphs.`,
  },
  {
    id: "emp-david", name: "David Park", employeeNumber: "EMP-017", email: "david@acme.example",
    positionId: "pos-fa", departmentId: "dept-finance", role: "employee", tags: [],
    personalSoul: `I handle payroll accounting, expenses and the month-end close.
Keep me on schedule: remind me of close deadlines and check my reconciliations for gaps.`,
  },
  {
    id: "emp-jenny", name: "Jenny Liu", employeeNumber: "EMP-018", email: "jenny@acme.example",
    positionId: "pos-hr", departmentId: "dept-hr", role: "manager", tags: [],
    personalSoul: `I lead HR & Admin, and people trust me with sensitive things.
Be warm but precise, and always check a reply against policy before I send it.
When in doubt about a personal matter, suggest we talk to the person rather than write.`,
  },
  {
    id: "emp-emma", name: "Emma Chen", employeeNumber: "EMP-019", email: "emma@acme.example",
    positionId: "pos-csm", departmentId: "dept-cs", role: "employee", tags: [],
    personalSoul: `I look after our largest customers after they sign.
Help me spot accounts at risk early and prepare QBRs that focus on the customer's goals, not our features.`,
  },
  {
    id: "emp-rachel", name: "Rachel Li", employeeNumber: "EMP-021", email: "rachel@acme.example",
    positionId: "pos-legal", departmentId: "dept-legal", role: "employee", tags: [],
    personalSoul: `I review contracts and handle privacy and compliance questions.
Quote the exact clause when you discuss a contract, and mark anything that is your interpretation.
I prefer careful over fast.`,
  },
  {
    id: "emp-peter", name: "Peter Wu", employeeNumber: "EMP-031", email: "peter@acme.example",
    positionId: "pos-exec", departmentId: "dept-eng", role: "employee", tags: [],
    personalSoul: `I am an executive with an engineering background, and my time is fragmented.
Give me the bottom line in two sentences, then the detail if I ask.
I still like to look at code and dashboards myself now and then.`,
  },
  {
    id: "emp-kevin", name: "Kevin Zhao", employeeNumber: "EMP-041", email: "kevin@acme.example",
    positionId: "pos-sde", departmentId: "dept-eng-backend", role: "employee", tags: ["intern"],
    personalSoul: `I am a backend intern and still learning how things work at ACME.
Explain the why behind your suggestions, and point me to the right doc or person when I am stuck.`,
  },
];
