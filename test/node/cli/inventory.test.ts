import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Policy } from '../../../src/shared/policy/schema';
import { usbRule } from '../../../src/core/rules/usb';
import { darwinProbes } from '../../../src/node/probes/darwin';
import { SYSTEM_PROFILER_USB_HOST } from '../../../src/node/probes/darwin/commands';
import { bundleOf, commandRecord, replayHost } from '../../support/bundle';
import { ctx, examplePolicyInput, repoRoot } from '../../support/policy';
import { macFixture } from '../probes/darwin/bundle';

const exec = promisify(execFile);
type Run = { code?: number; stdout: string; stderr: string };
const mamori = (...args: string[]): Promise<Run> =>
  exec(process.execPath, [path.join(repoRoot, 'bin/mamori.js'), ...args]).catch((e: unknown) => e as Run);

describe('mamori usb list and software list', () => {
  it('usb list output pasted into the policy, unchanged, approves exactly the devices it listed (real macOS 26 output)', async () => {
    const records = [commandRecord(SYSTEM_PROFILER_USB_HOST.file, SYSTEM_PROFILER_USB_HOST.args, { stdout: macFixture('system_profiler_SPUSBHostDataType.tahoe-full.lsusb-macos.json') })];
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mamori-usb-list-'));
    const bundleFile = path.join(dir, 'bundle.json');
    await writeFile(bundleFile, JSON.stringify(bundleOf('darwin', records)));

    const { stdout } = await mamori('usb', 'list', '--json', '--bundle', bundleFile);
    const entries = JSON.parse(stdout);
    expect(entries.length).toBeGreaterThan(0);
    const input = examplePolicyInput();
    input.usb.approved = entries;
    const policy = Policy.parse(input);

    const facts = await darwinProbes.usb.collect(replayHost('darwin', records));
    const findings = usbRule(facts, ctx(policy)).findings;
    expect(findings.length).toBe(entries.length);
    expect(findings.every((f) => f.kind === 'usb-approved-device')).toBe(true);
    // A device of the same model with another serial is still unapproved: the entries name serials.
    if (facts.devices.state !== 'known') throw new Error('unknown');
    const withSerial = facts.devices.value.find((d) => d.serial);
    if (withSerial) {
      const other = usbRule({ devices: { state: 'known', value: [{ ...withSerial, serial: 'SOMEOTHERSERIAL' }] } }, ctx(policy)).findings;
      expect(other.map((f) => f.kind)).toEqual(['usb-unapproved-device']);
    }
  });

  it('software list shows the real dpkg inventory of this PC, as JSON and as text', async () => {
    const json = JSON.parse((await mamori('software', 'list', '--json')).stdout) as { name: string; source: string }[];
    expect(json.some((s) => s.name === 'dpkg' && s.source === 'dpkg')).toBe(true);
    const text = (await mamori('software', 'list')).stdout.split('\n');
    expect(text.some((l) => l.startsWith('dpkg\t'))).toBe(true);
  });

  it('on a PC without a USB bus, usb list says so (exit 2)', async () => {
    const r = await mamori('usb', 'list', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No USB bus');
  });
});
