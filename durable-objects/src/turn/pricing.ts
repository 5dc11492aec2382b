/**
 * Model prices live in D1 (`model_prices`, editable through /api/admin/pricing). A model id is
 * priced by the longest lowercase GLOB pattern that matches it; a model no pattern matches is
 * unpriced — its cost is unknown (NULL), never silently another model's.
 *
 * `MATCHING_PRICE` is the one definition of that rule: usage rows are priced with it inside their
 * INSERT (persist.ts), so a turn is billed at the price in force when it is written.
 */

/** A subquery yielding the price row for the model id bound as `?<modelParam>`, or no row. */
export const matchingPrice = (modelParam: number) =>
  `SELECT id, input_usd_per_mtok, output_usd_per_mtok FROM model_prices
    WHERE lower(?${modelParam}) GLOB pattern ORDER BY length(pattern) DESC, id LIMIT 1`;

export interface PriceRow {
  id: string;
  name: string;
  pattern: string;
  input_usd_per_mtok: number;
  output_usd_per_mtok: number;
  updated_at: string;
  updated_by: string;
}

/** The price a model id is billed at now, or null when it is unknown. */
export async function modelPrice(db: D1Database, model: string): Promise<PriceRow | null> {
  return db
    .prepare(`SELECT p.* FROM model_prices p WHERE p.id = (SELECT id FROM (${matchingPrice(1)}))`)
    .bind(model)
    .first<PriceRow>();
}

export async function listPrices(db: D1Database): Promise<PriceRow[]> {
  return (await db.prepare("SELECT * FROM model_prices ORDER BY name, id").all<PriceRow>()).results;
}
