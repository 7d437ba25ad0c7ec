import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveHost } from '../../../../src/node/host/live-host';
import { PACKAGE_SOURCES, linuxSoftwareProbe } from '../../../../src/node/probes/linux/software';
import type { FakeHostSetup, RecordedCommand } from '../../../support/fake-host';
import { FakeHost } from '../../../support/fake-host';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/linux', name), 'utf8');
const source = (file: string) => PACKAGE_SOURCES.find((s) => s.spec.file === file)!.spec;
const answer = (file: string, out: Partial<RecordedCommand>): RecordedCommand => ({ file, args: source(file).args, ...out });
// A constructed si.processes() result in the shape of systeminformation 5.33 (lib/processes.js).
const processes = { value: { all: 2, list: [{ pid: 1, name: 'systemd', command: 'systemd', path: '/usr/lib/systemd' }, { pid: 42, name: 'bash', command: 'bash', path: '' }] } };
const host = (commands: RecordedCommand[], calls: FakeHostSetup['calls'] = { 'systeminformation.processes': processes }) => new FakeHost({ commands, calls });

describe('Linux software probe on this machine (LiveHost)', () => {
  const hasDpkg = (() => {
    try {
      execFileSync('dpkg-query', ['--version']);
      return true;
    } catch {
      return false;
    }
  })();

  it.runIf(hasDpkg)('lists the real dpkg packages, with dpkg at the version dpkg-query reports', async () => {
    const facts = await linuxSoftwareProbe.collect(new LiveHost());
    expect(facts.installed.state).toBe('known');
    if (facts.installed.state !== 'known') return;
    const dpkgVersion = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'dpkg'], { encoding: 'utf8' });
    expect(facts.installed.value.find((p) => p.source === 'dpkg' && p.name === 'dpkg')).toMatchObject({ version: dpkgVersion, identifier: 'dpkg' });
    expect(facts.installed.value.length).toBeGreaterThan(50);
  });

  it('lists the running processes, this test process among them', async () => {
    const facts = await linuxSoftwareProbe.collect(new LiveHost());
    expect(facts.running.state).toBe('known');
    if (facts.running.state !== 'known') return;
    const self = facts.running.value.find((p) => p.pid === process.pid);
    expect(self).toBeDefined();
    expect(self!.name).toMatch(/node/);
  });
});

describe('Linux software probe with recorded outputs', () => {
  it('is the union of dpkg, flatpak and snap; rpm not installed is skipped', async () => {
    const h = host([
      answer('dpkg-query', { stdout: fixture('dpkg-query_W.debian12.txt') }),
      answer('flatpak', { stdout: fixture('flatpak_list_app_columns.tsv') }),
      answer('snap', { stdout: fixture('snap_list.txt') }),
    ]);
    const facts = await linuxSoftwareProbe.collect(h);
    expect(facts.installed.state).toBe('known');
    if (facts.installed.state !== 'known') return;
    const installed = facts.installed.value;
    const count = (src: string) => installed.filter((p) => p.source === src).length;
    expect([count('dpkg'), count('rpm'), count('flatpak'), count('snap')]).toEqual([710, 0, 1, 4]);
    expect(h.runs.map((r) => r.env)).toEqual(PACKAGE_SOURCES.map(() => ({ LC_ALL: 'C.UTF-8' })));
    expect(facts.running).toEqual({
      state: 'known',
      value: [
        { pid: 1, name: 'systemd', path: '/usr/lib/systemd/systemd' },
        { pid: 42, name: 'bash', path: null },
      ],
    });
  });

  it('an installed tool that fails makes the inventory unknown: a list without it would hide its software', async () => {
    const facts = await linuxSoftwareProbe.collect(
      host([
        answer('dpkg-query', { stdout: fixture('dpkg-query_W.debian12.txt') }),
        answer('snap', { exitCode: 1, stderr: 'error: cannot communicate with server: connection refused\n' }), // constructed
      ]),
    );
    expect(facts.installed).toEqual({ state: 'unknown', reason: 'command-failed', detail: 'command-failed: snap exit 1: error: cannot communicate with server: connection refused' });
  });

  it('unparseable output of one tool → unknown unparseable-output', async () => {
    const facts = await linuxSoftwareProbe.collect(
      host([answer('dpkg-query', { stdout: fixture('dpkg-query_W.debian12.txt') }), answer('flatpak', { stdout: 'garbage without tabs\n' })]),
    );
    expect(facts.installed).toMatchObject({ state: 'unknown', reason: 'unparseable-output', detail: 'unparseable-output: flatpak: garbage without tabs' });
  });

  it('a timeout is unknown too', async () => {
    const facts = await linuxSoftwareProbe.collect(host([answer('dpkg-query', { error: 'TIMEOUT' })]));
    expect(facts.installed).toMatchObject({ state: 'unknown', reason: 'command-timeout' });
  });

  it('none of the four tools installed → command-missing', async () => {
    expect((await linuxSoftwareProbe.collect(host([]))).installed).toEqual({ state: 'unknown', reason: 'command-missing', detail: 'dpkg-query, rpm, flatpak, snap' });
  });

  it('flatpaks alone, or an empty dpkg database, are not an inventory of the OS', async () => {
    const flatpakOnly = await linuxSoftwareProbe.collect(host([answer('flatpak', { stdout: fixture('flatpak_list_app_columns.tsv') })]));
    expect(flatpakOnly.installed).toEqual({ state: 'unknown', reason: 'not-supported', detail: 'no dpkg or rpm package database to read (dpkg-query: not installed; rpm: not installed)' });
    const emptyDpkg = await linuxSoftwareProbe.collect(host([answer('dpkg-query', { stdout: '' })]));
    expect(emptyDpkg.installed).toMatchObject({ state: 'unknown', reason: 'not-supported' });
  });

  it.each([
    ['the call fails', { 'systeminformation.processes': { error: 'spawn ps ENOENT' } }, 'command-failed'],
    ['si returns an empty list (it does when ps fails)', { 'systeminformation.processes': { value: { all: 0, list: [] } } }, 'command-failed'],
    ['the result has no list', { 'systeminformation.processes': { value: { all: 3 } } }, 'unparseable-output'],
    ['a pid is not a number', { 'systeminformation.processes': { value: { list: [{ pid: '1', name: 'x' }] } } }, 'unparseable-output'],
  ])('running processes unknown when %s', async (_name, calls, reason) => {
    const facts = await linuxSoftwareProbe.collect(host([answer('dpkg-query', { stdout: fixture('dpkg-query_W.debian12.txt') })], calls));
    expect(facts.running).toMatchObject({ state: 'unknown', reason });
  });
});
