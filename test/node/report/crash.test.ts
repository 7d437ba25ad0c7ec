import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/policy';
import { arrivedIds } from '../../support/receivers';
import { useReceivers } from '../../support/receivers/use-receivers';
import { makeReport } from '../../support/receivers/report-fixture';

/**
 * Crash safety, for real: a child process runs the queue and deliverer against the three receivers and is
 * SIGKILLed at random moments (while persisting, while sending), round after round. Then one more child only
 * drains. Every report whose submit() resolved must have reached every receiver; de-duplicated by id, the
 * receivers hold exactly reports that were submitted; the raw duplicates are counted and printed.
 */

const ROUNDS = 30;
const BUDGET_MS = 60_000;
const REPORTS_PER_ROUND = 5;
const outDir = path.join(repoRoot, 'out');

const live = useReceivers();
beforeAll(async () => {
  live.rx.https.answerDelayMs = 15; // a WAN-like gap between "received" and "answered": kills land in it
});

interface Run {
  lines: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Starts the worker; `killAfter` (ms after its first "try") SIGKILLs it, undefined lets it finish. */
function runChild(config: object, killAfter?: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'crash-child.cjs')], {
      env: { ...process.env, MAMORI_CRASH_CONFIG: JSON.stringify({ outDir, ...config }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    let partial = '';
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const parts = text.split('\n');
      partial = parts.pop()!;
      lines.push(...parts);
      if (killAfter !== undefined && !armed && lines.some((l) => l.startsWith('try '))) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfter);
      }
    });
    // Bound every round even if the worker never starts submitting.
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (partial) lines.push(partial);
      resolve({ lines, code, signal });
    });
  });
}

describe('crash safety', () => {
  it(`loses no acknowledged report when SIGKILLed at random, ${ROUNDS} rounds`, async () => {
    expect(existsSync(path.join(outDir, 'src/node/report/index.js')), 'out/ is built by test/support/build.ts (globalSetup)').toBe(true);
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'mamori-crash-'));
    const pendingDir = path.join(stateDir, 'reports', 'pending');
    const template = makeReport();
    const tried = new Set<string>();
    const acked = new Set<string>();
    let rounds = 0;
    let killedMidSubmit = 0;
    let tmpLeftovers = 0;
    const t0 = Date.now();

    while (rounds < ROUNDS && Date.now() - t0 < BUDGET_MS) {
      rounds++;
      const run = await runChild({ mode: 'work', stateDir, channels: live.rx.channels, template, count: REPORTS_PER_ROUND }, Math.random() * 250);
      expect(run.lines.filter((l) => l.startsWith('error'))).toEqual([]);
      const roundTried = run.lines.filter((l) => l.startsWith('try ')).map((l) => l.slice(4));
      const roundAcked = run.lines.filter((l) => l.startsWith('ack ')).map((l) => l.slice(4));
      roundTried.forEach((id) => tried.add(id));
      roundAcked.forEach((id) => acked.add(id));
      if (run.signal === 'SIGKILL' && roundTried.length > roundAcked.length) killedMidSubmit++;
      if (existsSync(pendingDir) && readdirSync(pendingDir).some((n) => n.endsWith('.tmp'))) tmpLeftovers++;
    }

    const drain = await runChild({ mode: 'drain', stateDir, channels: live.rx.channels, drainMs: 30_000 });
    expect(drain.lines).toContain('drained true');
    expect(drain.code).toBe(0);
    expect(readdirSync(pendingDir)).toEqual([]); // nothing owed, no temporary file left

    const arrived = arrivedIds(live.rx);
    const summary: string[] = [];
    for (const [channel, ids] of Object.entries(arrived)) {
      const unique = new Set(ids);
      // None lost: every acknowledged report reached this receiver…
      expect([...acked].filter((id) => !unique.has(id))).toEqual([]);
      // …and nothing arrived that was not submitted.
      expect([...unique].filter((id) => !tried.has(id))).toEqual([]);
      summary.push(`${channel} ${ids.length} raw / ${unique.size} unique (${ids.length - unique.size} duplicates)`);
    }
    // The content survived too: every HTTPS body carries the submitted report, Japanese note intact.
    for (const a of live.rx.https.arrivals) {
      const mamori = (JSON.parse(a.body.toString('utf8')) as { unmapped: { mamori: typeof template } }).unmapped.mamori;
      expect({ ...mamori, id: template.id, createdAt: template.createdAt }).toEqual(template);
    }
    const delivered = new Set(arrived.https);
    const extra = [...tried].filter((id) => !acked.has(id) && delivered.has(id)).length;
    console.log(
      `crash test: ${rounds} rounds in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${killedMidSubmit} killed inside submit(), ` +
        `${tmpLeftovers} left a *.tmp; ${tried.size} submitted, ${acked.size} acknowledged, ${extra} persisted-not-yet-acknowledged also delivered; ` +
        summary.join('; '),
    );
    expect(acked.size).toBeGreaterThan(0);
    rmSync(stateDir, { recursive: true, force: true });
  }, 120_000);
});
