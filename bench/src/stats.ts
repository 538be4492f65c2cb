export type RunStats = {
  /** Completed successful requests (2xx for HTTP, no error for the baseline). */
  ok: number;
  durationS: number;
  /** ok / durationS. */
  rps: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  /** HTTP status counts (empty for the baseline). */
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
};

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(input: {
  latencies: number[];
  durationS: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
}): RunStats {
  const sorted = Float64Array.from(input.latencies).sort();
  const sum = input.latencies.reduce((a, b) => a + b, 0);
  const round = (v: number) => Math.round(v * 100) / 100;
  const durationS = input.durationS > 0 ? input.durationS : Number.NaN;
  return {
    ok: sorted.length,
    durationS: round(input.durationS),
    rps: round(sorted.length / durationS),
    latencyMs: {
      mean: round(sorted.length > 0 ? sum / sorted.length : Number.NaN),
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN),
    },
    statuses: input.statuses,
    errors: input.errors,
    timeouts: input.timeouts,
  };
}
