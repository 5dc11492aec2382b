/** Dollars with cents, or to a hundredth of a cent below a dollar, where single turns' costs live. */
export const usd = (value: number) => `$${value.toFixed(value < 1 ? 4 : 2)}`;

/** A dollar amount typed by a person: a finite number, or null for anything else (empty included). */
export function parseUsd(text: string): number | null {
  const trimmed = text.trim().replace(/^\$/, "");
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}
