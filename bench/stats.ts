// Percentiles and a bounded pool of requests in flight, for the benchmarks.
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  perSecond: number;
}

/** Runs `total` calls of `task`, at most `inFlight` at once; returns each call's latency in ms. */
export async function runPool(
  total: number,
  inFlight: number,
  task: (i: number) => Promise<void>,
): Promise<LatencySummary> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      await task(i);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? NaN),
    perSecond: Math.round(latencies.length / elapsed),
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
