/** Dollars with cents, or to a hundredth of a cent below a dollar, where single turns' costs live. */
export const usd = (value: number) => `$${value.toFixed(value > 0 && value < 1 ? 4 : 2)}`;

/** A dollar amount typed by a person: a finite number, or null for anything else (empty included). */
export function parseUsd(text: string): number | null {
  const trimmed = text.trim().replace(/^\$/, "");
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** A price per million tokens: cents always, more digits only where the price has them ($0.30, $0.075). */
export const perMTok = (value: number) => `$${value.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 6, useGrouping: false })}`;
