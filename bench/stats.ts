// Timing helpers for benchmarks: run a function repeatedly, report p50/p95/max in ms.

export interface Timing {
  name: string;
  p50: number;
  p95: number;
  max: number;
  runs: number;
  note?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

export async function measure(name: string, run: () => Promise<unknown>, options: { runs?: number; warmup?: number; note?: string } = {}): Promise<Timing> {
  const runs = options.runs ?? 200;
  for (let i = 0; i < (options.warmup ?? 20); i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { name, p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples.at(-1) ?? Number.NaN, runs, note: options.note };
}

export function timingTable(timings: Timing[], targetP95Ms?: number): string {
  const header = `| Query | p50 ms | p95 ms | max ms | runs |${targetP95Ms ? " p95 < target |" : ""}\n| --- | ---: | ---: | ---: | ---: |${targetP95Ms ? " :---: |" : ""}`;
  const rows = timings.map(
    (t) =>
      `| ${t.name}${t.note ? ` [${t.note}]` : ""} | ${t.p50.toFixed(2)} | ${t.p95.toFixed(2)} | ${t.max.toFixed(2)} | ${t.runs} |${targetP95Ms ? ` ${t.p95 < targetP95Ms ? "yes" : "**no**"} |` : ""}`,
  );
  return [header, ...rows].join("\n");
}
