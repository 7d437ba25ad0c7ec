import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createReporting } from '../../../src/node/report';
import { startHttpsReceiver, type HttpsReceiver } from '../../support/receivers/https-receiver';
import { makePki, type TestPki } from '../../support/receivers/pki';
import { makeReport } from '../../support/receivers/report-fixture';

/** vi.waitFor's default 1 s is too short on a loaded 2-core CI machine (the crash test runs alongside). */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 20 });

/**
 * A real full disk: a 64 KiB tmpfs mounted for the test (needs root and CAP_SYS_ADMIN, as in the dev sandbox;
 * where mounting is not allowed the test is skipped, and disk-full-injected.test.ts covers the same contract
 * with an injected ENOSPC).
 */

function tryMount(): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}

/** Writes until the file system says ENOSPC; returns the filler's path. */
function fill(dir: string): string {
  const file = path.join(dir, 'filler');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    closeSync(fd);
  }
  return file;
}

const mountPoint = tryMount();
let pki: TestPki;
let receiver: HttpsReceiver;

beforeAll(async () => {
  pki = makePki();
  receiver = await startHttpsReceiver(pki.server);
});
afterAll(async () => {
  await receiver?.close();
  if (pki !== undefined) rmSync(pki.dir, { recursive: true, force: true });
  if (mountPoint !== undefined) {
    execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  }
});

describe.skipIf(mountPoint === undefined)('disk full (real tmpfs)', () => {
  it('rejects submit with disk-full and leaves nothing half-written; what was queued stays and is delivered', async () => {
    const stateDir = mountPoint!;
    const reporting = await createReporting({ stateDir, channels: [{ type: 'https', url: receiver.url, caFile: pki.caFile }], timeoutMs: 2_000 });
    try {
      receiver.mode = 'error';
      const queued = makeReport();
      await reporting.submit(queued);
      const filler = fill(stateDir);

      const refused = makeReport();
      await expect(reporting.submit(refused)).rejects.toMatchObject({ name: 'ReportingError', code: 'disk-full' });
      const pendingDir = path.join(stateDir, 'reports', 'pending');
      expect(readdirSync(pendingDir)).toEqual([`${queued.id}.json`]);

      // The receiver comes back while the disk is still full: it gets the report; only our mark cannot be
      // written, so the report stays in pending/ (a crash now would cost a duplicate, not a loss)…
      receiver.mode = 'ok';
      reporting.kick();
      await eventually(() => expect(reporting.status(queued.id)?.channels[0]?.state).toBe('delivered'));
      reporting.kick();
      await new Promise((r) => setTimeout(r, 200));
      expect(receiver.arrivals.length).toBe(1); // …and it is not sent again while we run
      expect(readdirSync(pendingDir)).toEqual([`${queued.id}.json`]);

      // Space again: the mark is written, the report moves to delivered/, and the refused report can be submitted.
      rmSync(filler);
      reporting.kick();
      await reporting.submit(refused);
      expect((await reporting.drain(10_000)).complete).toBe(true);
      expect(readdirSync(pendingDir)).toEqual([]);
      expect(receiver.arrivals.length).toBe(2);
    } finally {
      await reporting.stop();
    }
  });
});
