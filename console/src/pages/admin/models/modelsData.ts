import type { Model, ModelPrice } from "@clawgate/contracts";
import { getModels } from "../../../agentsApi.ts";
import { getPrices } from "../../../budgetsApi.ts";

export interface ModelsData {
  models: Model[];
  prices: ModelPrice[];
  /** Which price each model id is billed at now (the server's longest-pattern rule), null when unpriced. */
  priceOf: Record<string, string | null>;
}

export async function loadModelsData(signal: AbortSignal): Promise<ModelsData> {
  const [models, prices] = await Promise.all([getModels(signal), getPrices(signal)]);
  return { models, prices, priceOf: Object.fromEntries(models.map((model) => [model.id, model.priceId])) };
}

/** The models a price is what they are billed at. */
export const modelsPricedBy = (data: ModelsData, priceId: string) => data.models.filter((model) => data.priceOf[model.id] === priceId);

/** A price entry's id for a model: the price id's alphabet (lowercase letters, digits, '.', '-'). */
export function priceIdFor(modelId: string): string {
  const slug = modelId
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "");
  return slug.slice(0, 64).replace(/[.-]+$/, "");
}
