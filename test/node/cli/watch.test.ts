import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it, vi } from 'vitest';
import type { UsbDevice } from '../../../src/shared/facts';
import { watch } from '../../../src/node/cli/commands/watch';
import { notYetSupported } from '../../../src/node/probes/not-supported';
import { examplePolicyInput, repoRoot } from '../../support/policy';
import { arrivedIds } from '../../support/receivers';
import { useReceivers } from '../../support/receivers/use-receivers';

describe('mamori watch --json', () => {
  it('announces itself, reports every check, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/mamori.js'), 'watch', '--json', '--policy', 'policies/example-policy.json'], {
      cwd: repoRoot,
      env: { ...process.env, MAMORI_STATE_DIR: mkdtempSync(path.join(os.tmpdir(), 'mamori-watch-')) },
    });
    const events: { event: string; check?: string; status?: string }[] = [];
    const lines = createInterface({ input: child.stdout });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; saw ${JSON.stringify(events)}`)), 15_000);
      lines.on('line', (line) => {
        events.push(JSON.parse(line));
        if (new Set(events.filter((e) => e.event === 'checked').map((e) => e.check)).size === 4) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(events[0]).toMatchObject({ event: 'started', policy: { source: 'file', revision: 3 } });
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});

describe('mamori watch and findings the policy wants reported', { timeout: 30_000 }, () => {
  const receivers = useReceivers();
  const stick: UsbDevice = { vendorId: 0x1234, productId: 0x5678, serial: 'X', serialKnown: true, deviceClass: 0, interfaceClasses: [8], manufacturer: 'ACME', product: 'Stick', location: '1-1' };

  it('an unapproved USB stick under warn-and-report is raised, and reaches the CSIRT channels by itself, once', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-watch-report-'));
    const policy = examplePolicyInput(); // usb.onUnapproved: "warn-and-report", nothing approved that matches the stick
    policy.reporting = { channels: receivers.rx.channels };
    const policyFile = path.join(dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify(policy));
    vi.stubEnv('MAMORI_STATE_DIR', path.join(dir, 'state'));
    // This PC has no USB bus to plug a stick into: the probe says one is attached.
    const probes = { ...notYetSupported('linux'), usb: { check: 'usb' as const, collect: async () => ({ devices: { state: 'known' as const, value: [stick] } }) } };
    const lines: { event: string; finding?: { kind: string } }[] = [];
    const io = { out: (line: string) => lines.push(JSON.parse(line)), err: () => undefined, readSecret: async () => '', lang: 'en' as const };
    // A hot-plug event the test fires: the USB check runs again at once.
    let plugged: ((check: 'usb') => void) | undefined;
    const hotplug = { subscribe: (onChange: (check: 'usb') => void) => ((plugged = onChange), () => undefined) };
    const stop = new AbortController();
    try {
      const exit = watch(['--json', '--policy', policyFile], io, stop.signal, { probes, changeSources: [hotplug] });
      await expect.poll(() => lines.filter((l) => l.event === 'raised').map((l) => l.finding?.kind)).toContain('usb-unapproved-device');
      await expect.poll(() => arrivedIds(receivers.rx), { timeout: 15_000 }).toMatchObject({ https: [expect.any(String)], syslog: [expect.any(String)], smtp: [expect.any(String)] });
      const { https, syslog, smtp } = arrivedIds(receivers.rx);
      expect(syslog).toEqual(https);
      expect(smtp).toEqual(https);
      const body = receivers.rx.https.arrivals[0]!.body.toString('utf8');
      expect(body).toContain('usb-unapproved-device');
      // Delivered everywhere: nothing waits in the queue.
      await expect.poll(() => readdirSync(path.join(dir, 'state', 'reports', 'pending'))).toEqual([]);
      // The stick seen again by the next USB check is the same appearance: no second report.
      const checked = () => lines.filter((l) => l.event === 'checked').length;
      const before = checked();
      plugged!('usb');
      await expect.poll(checked).toBeGreaterThan(before);
      stop.abort();
      expect(await exit).toBe(0);
      expect(readdirSync(path.join(dir, 'state', 'reports', 'pending'))).toEqual([]);
      expect(lines.filter((l) => l.finding?.kind === 'usb-unapproved-device' && l.event === 'raised')).toHaveLength(1);
      expect(receivers.rx.https.arrivals).toHaveLength(1);
    } finally {
      stop.abort();
      vi.unstubAllEnvs();
    }
  });
});
