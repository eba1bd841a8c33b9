/** One figure of `npm run bench`, with the baseline it is compared to, measured in the same run. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The same work done the obvious way, measured in the same run. */
  baseline?: { name: string; value: number; unit: string };
  /** The target in words, e.g. "≤ 150 ms". */
  target: string;
  pass: boolean;
  note?: string;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
