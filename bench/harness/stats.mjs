// Order statistics and formatting for benchmark figures.

/** Linear-interpolated percentile, p in [0, 100]. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export const median = (values) => percentile(values, 50);

export const ms = (value) => (Math.abs(value) < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(0)} ms`);

export const kb = (bytes) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);

/** "median 12 ms  p95 15 ms  min 10 ms  max 20 ms (n=30)" */
export function summary(values, p = 95) {
  return `median ${ms(median(values))}  p${p} ${ms(percentile(values, p))}  min ${ms(Math.min(...values))}  max ${ms(Math.max(...values))}  (n=${values.length})`;
}

/** A line for the final report: `ok` true/false against a target, null for a figure without one. Never asserted. */
export const verdict = (ok, text) => ({ ok, text });
