import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createReporting } from '../../../src/node/report';
import { startSyslogReceiver, type SyslogReceiver } from '../../support/receivers/syslog-receiver';
import { makePki, type TestPki } from '../../support/receivers/pki';
import { makeReport } from '../../support/receivers/report-fixture';

/**
 * Disk full without a real full disk (machines where tmpfs cannot be mounted): node:fs/promises as the product
 * sees it, except that file writes fail with ENOSPC while `disk.full` is set.
 */
const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args);
      const writeFile = handle.writeFile.bind(handle);
      handle.writeFile = (async (...w: Parameters<typeof handle.writeFile>) => {
        if (disk.full) throw enospc();
        return writeFile(...w);
      }) as typeof handle.writeFile;
      return handle;
    },
  };
});

let pki: TestPki;
let receiver: SyslogReceiver;
beforeAll(async () => {
  pki = makePki();
  receiver = await startSyslogReceiver(pki.server);
});
afterAll(async () => {
  await receiver.close();
  rmSync(pki.dir, { recursive: true, force: true });
});

describe('disk full (injected ENOSPC)', () => {
  it('rejects with a coded error, leaves no temporary file, and works again once there is space', async () => {
    const stateDir = mkdtempSync(path.join(os.tmpdir(), 'mamori-enospc-'));
    const reporting = await createReporting({ stateDir, channels: [{ type: 'syslog-tls', host: receiver.host, port: receiver.port, caFile: pki.caFile }] });
    try {
      const report = makeReport();
      disk.full = true;
      await expect(reporting.submit(report)).rejects.toMatchObject({ code: 'disk-full', detail: 'ENOSPC' });
      expect(readdirSync(path.join(stateDir, 'reports', 'pending'))).toEqual([]);
      expect(reporting.status(report.id)).toBeUndefined();
      disk.full = false;
      await reporting.submit(report); // the caller kept it in memory and retries
      expect((await reporting.drain(10_000)).complete).toBe(true);
      expect(receiver.frames).toHaveLength(1);
    } finally {
      await reporting.stop();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
