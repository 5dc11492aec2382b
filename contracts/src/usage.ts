import { z } from "zod";
import { Instant } from "./governance.ts";

/** Usage & cost contracts: model prices, usage rollups, budgets and the portal's own view. */

const Ref = z.string().trim().min(1).max(64);

// ─── Pricing ─────────────────────────────────────────────────────────────────────────────────

/** USD per million tokens. */
const UsdPerMTok = z.number().min(0).max(10_000);

export const ModelPrice = z
  .object({
    id: z.string(),
    name: z.string(),
    /** Lowercase glob over model ids (`*`, `?`, `[..]`); the longest matching pattern prices a model. */
    pattern: z.string(),
    inputUsdPerMTok: z.number(),
    outputUsdPerMTok: z.number(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: "ModelPrice" });
export type ModelPrice = z.infer<typeof ModelPrice>;

export const PriceIdParam = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/, "lowercase letters, digits, '.' or '-'") });

/** At least three literal characters, so no pattern can price every unknown model as something. */
const PricePattern = z
  .string()
  .trim()
  .max(128)
  .regex(/^[a-z0-9*?[\]._:/@-]+$/, "a lowercase glob: letters, digits, . _ : / @ - and the wildcards * ? [..]")
  .refine((pattern) => pattern.replace(/\[[^\]]*\]|[*?]/g, "").length >= 3, "needs at least three literal characters");

export const PutModelPrice = z.object({
  name: z.string().trim().min(1).max(120),
  pattern: PricePattern,
  inputUsdPerMTok: UsdPerMTok,
  outputUsdPerMTok: UsdPerMTok,
});
export type PutModelPrice = z.infer<typeof PutModelPrice>;

export const PriceListQuery = z.object({ model: z.string().trim().min(1).max(256).optional() });

export const PriceList = z.object({
  prices: z.array(ModelPrice),
  /** With `?model=`: the price that model is billed at now, or null when it is unknown (cost not computed). */
  resolved: z.object({ model: z.string(), priceId: z.string().nullable() }).optional(),
});

// ─── Usage ───────────────────────────────────────────────────────────────────────────────────

export const UsageGroupBy = z.enum(["employee", "department", "position", "model", "day", "week", "month"]);
export type UsageGroupBy = z.infer<typeof UsageGroupBy>;

export const UsageQuery = z.object({
  groupBy: UsageGroupBy,
  /** Inclusive; default the start of the current month (UTC). */
  from: Instant.optional(),
  /** Exclusive; default now. */
  to: Instant.optional(),
  /** Only this department's subtree. */
  departmentId: Ref.optional(),
  employeeId: Ref.optional(),
});
export type UsageQuery = z.infer<typeof UsageQuery>;

export const UsageTotals = z.object({
  turns: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  /** Priced turns only. */
  costUsd: z.number(),
  /** Turns of models without a price: their cost is unknown, not zero. */
  unpricedTurns: z.number().int(),
});
export type UsageTotals = z.infer<typeof UsageTotals>;

export const UsageRow = UsageTotals.extend({
  /** Employee, department or position id, model id, or the period's first day (`YYYY-MM-DD`; weeks start on Monday; months `YYYY-MM`). */
  key: z.string(),
  label: z.string().nullable(),
}).meta({ id: "UsageRow" });
export type UsageRow = z.infer<typeof UsageRow>;

export const UsageRollup = z.object({
  groupBy: UsageGroupBy,
  from: z.string(),
  to: z.string(),
  /** By department, each row covers the department's whole subtree, so rows nest and do not add up to the total. */
  rows: z.array(UsageRow),
  total: UsageTotals,
});

// ─── Budgets ─────────────────────────────────────────────────────────────────────────────────

export const BudgetScope = z.enum(["global", "department", "employee"]);
export type BudgetScope = z.infer<typeof BudgetScope>;

const LimitUsd = z.number().min(0).max(10_000_000);

/** A monthly spending limit per employee, set for everyone, a department subtree or one employee. */
export const Budget = z
  .object({
    id: z.string(),
    scope: BudgetScope,
    /** Department or employee id; null for the global budget. */
    scopeId: z.string().nullable(),
    monthlyLimitUsd: z.number(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .meta({ id: "Budget" });
export type Budget = z.infer<typeof Budget>;

export const CreateBudget = z
  .object({ scope: BudgetScope, scopeId: Ref.optional(), monthlyLimitUsd: LimitUsd })
  .refine((b) => (b.scope === "global") === (b.scopeId === undefined), { message: "scopeId names the department or employee, and is absent for the global budget", path: ["scopeId"] });
export type CreateBudget = z.infer<typeof CreateBudget>;

export const UpdateBudget = z.object({ monthlyLimitUsd: LimitUsd });

export const BudgetException = z
  .object({
    id: z.string(),
    employeeId: z.string(),
    reason: z.string(),
    grantedBy: z.string(),
    grantedAt: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: "BudgetException" });
export type BudgetException = z.infer<typeof BudgetException>;

export const GrantBudgetException = z.object({
  employeeId: Ref,
  reason: z.string().trim().min(1).max(500),
  /** When the exception lapses; in the future, at most a year ahead. */
  expiresAt: z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString()),
});

export const BudgetList = z.object({ budgets: z.array(Budget), exceptions: z.array(BudgetException) });

export const BudgetLevel = z.enum(["employee", "department", "global", "none"]);

/** Where an employee stands against the budget that applies to them, for the month of `at`. */
export const BudgetState = z
  .object({
    /** `YYYY-MM` (UTC). */
    month: z.string(),
    limitUsd: z.number().nullable(),
    spentUsd: z.number(),
    /** Turns of unpriced models this month: their cost is unknown and not in `spentUsd`. */
    unpricedTurns: z.number().int(),
    /** The most specific level with a budget: employee, then the nearest department up the tree, then global. */
    level: BudgetLevel,
    source: z.object({ budgetId: z.string(), scope: BudgetScope, scopeId: z.string().nullable() }).nullable(),
    /** Spent at least 80 % of the limit. */
    warn: z.boolean(),
    /** Spent the whole limit. */
    exceeded: z.boolean(),
    /** An admin's exception in force: an exceeded budget does not refuse turns until it expires. */
    exception: z.object({ id: z.string(), expiresAt: z.string(), grantedBy: z.string() }).nullable(),
    /** Exceeded and no exception: the turn path refuses turns. */
    refuseTurns: z.boolean(),
  })
  .meta({ id: "BudgetState" });
export type BudgetState = z.infer<typeof BudgetState>;

export const PortalUsage = z.object({
  month: z.string(),
  total: UsageTotals,
  byDay: z.array(UsageRow),
  byModel: z.array(UsageRow),
  budget: BudgetState,
});
