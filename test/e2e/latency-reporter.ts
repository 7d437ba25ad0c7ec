import type { Reporter, TestModule } from 'vitest/node';
import './harness/latency';

/** Ends the e2e run with a table of every measured latency (OS event on the host's side → Mamori's event). */
export default class LatencyReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows: string[][] = [];
    for (const m of modules) {
      for (const test of m.children.allTests()) {
        for (const l of test.meta().latencies ?? []) rows.push([l.what, `${l.ms} ms`, l.target]);
      }
    }
    if (rows.length === 0) return;
    const header = ['latency (host action → Mamori event)', 'measured', 'target'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
    process.stdout.write(`\n${[line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`);
  }
}
