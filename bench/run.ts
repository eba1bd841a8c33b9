/**
 * `npm run bench`: every figure the issues name, each printed next to a baseline measured in the
 * same run (a ratio, not a wall-clock threshold that flakes on a busy machine). Results also go
 * to bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { BenchResult } from './bench-result';
import { benchConflicts } from './conflict-evaluation';
import { benchHook } from './hook-latency';
import { benchLeases } from './lease-throughput';
import { benchUi } from './ui-render';

const suites: [string, () => Promise<BenchResult[]>][] = [
  ['conflicts', benchConflicts],
  ['leases', benchLeases],
  ['hooks', benchHook],
  ['ui', benchUi],
];

function format(result: BenchResult): string {
  const value = `${result.value} ${result.unit}`;
  const baseline = result.baseline;
  // A figure that is itself a ratio (a speed-up) names its baseline but divides by nothing more.
  const ratio = !baseline
    ? ''
    : ` — baseline ${baseline.value} ${baseline.unit} (${baseline.name})` +
      (baseline.unit === result.unit ? `, ratio ${(result.value / baseline.value).toFixed(2)}×` : '');
  return `${result.pass ? 'PASS' : 'MISS'}  ${result.name}: ${value}${ratio}\n      target ${result.target}${result.note ? `; ${result.note}` : ''}`;
}

const only = process.argv.slice(2);
const all: BenchResult[] = [];
for (const [name, suite] of suites) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n# ${name}`);
  const results = await suite();
  for (const result of results) console.log(format(result));
  all.push(...results);
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify({ at: new Date().toISOString(), results: all }, null, 2));
console.log(`\n${all.filter((r) => r.pass).length} of ${all.length} figures meet their targets.`);
