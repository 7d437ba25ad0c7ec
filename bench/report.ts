/**
 * Report pipeline figures for npm run bench (issue #5): how fast a click becomes a durable report, and how fast
 * a durable report reaches a receiver on loopback. Returns the lines; bench/run.ts prints them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createReporting } from '../src/node/report';
import { startHttpsReceiver } from '../test/support/receivers/https-receiver';
import { makePki } from '../test/support/receivers/pki';
import { makeReport } from '../test/support/receivers/report-fixture';

const RUNS = 20;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? 'OK' : 'OVER TARGET');

export async function reportBench(): Promise<string[]> {
  const pki = makePki(); // openssl CLI: a throwaway CA and server certificate for 127.0.0.1
  const receiver = await startHttpsReceiver(pki.server);
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'mamori-bench-report-'));
  const reporting = await createReporting({ stateDir, channels: [{ type: 'https', url: receiver.url, caFile: pki.caFile }] });
  const persisted: number[] = [];
  const delivered: number[] = [];
  try {
    for (let i = 0; i <= RUNS; i++) {
      const report = makeReport();
      const arrived = new Promise<number>((resolve) => {
        const off = reporting.onStatus((s) => {
          if (s.id === report.id && s.channels[0]?.state === 'delivered') {
            off();
            resolve(performance.now());
          }
        });
      });
      const t0 = performance.now();
      await reporting.submit(report);
      const t1 = performance.now();
      const t2 = await arrived;
      if (i === 0) continue; // warm-up: module loading, first TLS context
      persisted.push(t1 - t0);
      delivered.push(t2 - t1);
    }
  } finally {
    await reporting.stop();
    await receiver.close();
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(pki.dir, { recursive: true, force: true });
  }
  const p = median(persisted);
  const d = median(delivered);
  return [
    `click to report persisted (submit → written and fsynced in ${os.tmpdir()}): median ${ms(p)} of ${RUNS}  [target < 200 ms: ${verdict(p < 200)}]`,
    `persisted to delivered on loopback (HTTPS + TLS, OCSF body, 200 received and marked): median ${ms(d)} of ${RUNS}  [target < 500 ms: ${verdict(d < 500)}]`,
  ];
}
