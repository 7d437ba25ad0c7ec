import { describe, expect, it } from 'vitest';
import type { InstalledSoftware } from '../../../../src/shared/facts';
import type { Observed } from '../../../../src/shared/observed';
import { known, unknown } from '../../../../src/shared/observed';
import type { Host } from '../../../../src/node/host/host';
import { PS_PROCESSES, SYSTEM_PROFILER_APPLICATIONS } from '../../../../src/node/probes/darwin/commands';
import { darwinProbes } from '../../../../src/node/probes/darwin';
import { InstalledAppsCache } from '../../../../src/node/probes/darwin/installed-apps-cache';
import { darwinSoftwareProbe } from '../../../../src/node/probes/darwin/software';
import type { RecordedRun } from './bundle';
import { macFixture, macHost, ran } from './bundle';

const APPS = macFixture('system_profiler_SPApplicationsDataType.json');
const PS = macFixture('ps_axo_pid_comm.constructed.txt');

const software = (apps: RecordedRun, ps: RecordedRun = { stdout: PS }) =>
  darwinProbes.software.collect(macHost(ran(SYSTEM_PROFILER_APPLICATIONS, apps), ran(PS_PROCESSES, ps)));

describe('macOS installed applications: system_profiler SPApplicationsDataType -json', () => {
  it('lists each app with the Developer ID name and Team ID of its leaf certificate', async () => {
    const facts = await software({ stdout: APPS });
    expect(facts.installed).toEqual(
      known([
        { name: 'Automator', version: '2.10', publisher: 'Apple', identifier: '/System/Applications/Automator.app', teamId: null, source: 'macos-apps' },
        {
          name: 'Microsoft Edge',
          version: '153.0.4234.32',
          publisher: 'Microsoft Corporation',
          identifier: '/Applications/Microsoft Edge.app',
          teamId: 'UBF8T346G9',
          source: 'macos-apps',
        },
        {
          name: 'Python',
          version: '3.14.7',
          publisher: 'Python Software Foundation',
          identifier: '/Library/Frameworks/Python.framework/Versions/3.14/Resources/Python.app',
          teamId: 'BMM5U3QVKW',
          source: 'macos-apps',
        },
      ]),
    );
  });

  it('App Store apps and unsigned ones have no Team ID; entries without a name are skipped (constructed)', async () => {
    const stdout = JSON.stringify({
      SPApplicationsDataType: [
        {
          _name: 'Keynote',
          obtained_from: 'mac_app_store',
          path: '/Applications/Keynote.app',
          signed_by: ['Apple Mac OS Application Signing', 'Apple Worldwide Developer Relations Certification Authority', 'Apple Root CA'],
          version: '14.4',
        },
        { _name: 'Tool', obtained_from: 'unknown', path: '/Users/taro/Applications/Tool.app' },
        { _name: '', path: '/Applications/.hidden.app' },
        { obtained_from: 'unknown', path: '/Applications/NoName.app' },
      ],
    });
    const facts = await software({ stdout });
    expect(facts.installed).toEqual(
      known([
        { name: 'Keynote', version: '14.4', publisher: null, identifier: '/Applications/Keynote.app', teamId: null, source: 'macos-apps' },
        { name: 'Tool', version: null, publisher: null, identifier: '/Users/taro/Applications/Tool.app', teamId: null, source: 'macos-apps' },
      ]),
    );
  });

  it('a Developer ID without a ten-character Team ID gives no Team ID (constructed)', async () => {
    const stdout = JSON.stringify({
      SPApplicationsDataType: [{ _name: 'Odd', path: '/Applications/Odd.app', signed_by: ['Developer ID Application: Odd Ltd (SHORT)'] }],
    });
    const facts = await software({ stdout });
    expect(facts.installed).toEqual(known([{ name: 'Odd', version: null, publisher: null, identifier: '/Applications/Odd.app', teamId: null, source: 'macos-apps' }]));
  });

  it('truncated JSON is unknown', async () => {
    const facts = await software({ stdout: APPS.slice(0, 400) });
    expect(facts.installed).toEqual(unknown('unparseable-output', 'system_profiler SPApplicationsDataType: not JSON (400 characters)'));
  });

  it('JSON without the data type, or with an entry that is not an object, is unknown', async () => {
    expect((await software({ stdout: '{}' })).installed).toEqual(
      unknown('unparseable-output', 'system_profiler SPApplicationsDataType: not in the output'),
    );
    expect((await software({ stdout: '{"SPApplicationsDataType":["Safari"]}' })).installed).toEqual(
      unknown('unparseable-output', '/usr/sbin/system_profiler SPApplicationsDataType -json: an application entry is not an object'),
    );
  });

  it.each([
    ['ENOENT', 'command-missing'],
    ['TIMEOUT', 'command-timeout'],
  ])('%s is unknown (%s)', async (error, reason) => {
    const facts = await software({ error });
    expect(facts.installed).toEqual(unknown(reason as 'command-missing', '/usr/sbin/system_profiler'));
  });
});

describe('macOS running processes: ps -axo pid=,comm=', () => {
  it('names each process by the last part of its executable path (constructed listing)', async () => {
    const facts = await software({ stdout: APPS });
    expect(facts.running).toEqual(
      known([
        { pid: 1, name: 'launchd', path: '/sbin/launchd' },
        { pid: 93, name: 'logd', path: '/usr/libexec/logd' },
        { pid: 95, name: 'UserEventAgent', path: '/usr/libexec/UserEventAgent' },
        { pid: 472, name: 'Messages', path: '/System/Applications/Messages.app/Contents/MacOS/Messages' },
        { pid: 1000, name: 'Google Chrome', path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome' },
        { pid: 1712, name: 'VLC', path: '/Applications/VLC.app/Contents/MacOS/VLC' },
        { pid: 2048, name: 'かな入力', path: '/Applications/かな入力.app/Contents/MacOS/かな入力' },
        { pid: 5120, name: '-zsh', path: null },
        { pid: 5200, name: 'node', path: null },
        { pid: 88888, name: 'Dropbox', path: '/Applications/Dropbox.app/Contents/MacOS/Dropbox' },
      ]),
    );
  });

  it('a newline inside a name continues that name instead of hiding the list (constructed)', async () => {
    const facts = await software({ stdout: APPS }, { stdout: '  301 /tmp/evil\nname\n  302 /usr/bin/true\n' });
    expect(facts.running).toEqual(
      known([
        { pid: 301, name: 'evil\nname', path: '/tmp/evil\nname' },
        { pid: 302, name: 'true', path: '/usr/bin/true' },
      ]),
    );
  });

  it('output that does not start with a process, or no output, is unknown', async () => {
    expect((await software({ stdout: APPS }, { stdout: 'ps: illegal option -- o\n' })).running).toEqual(
      unknown('unparseable-output', '/bin/ps -axo pid=,comm=: no process listed: ps: illegal option -- o'),
    );
    expect((await software({ stdout: APPS }, { stdout: '' })).running).toEqual(
      unknown('unparseable-output', '/bin/ps -axo pid=,comm=: no process listed: (empty)'),
    );
  });

  it('ps missing is unknown while the inventory is still read', async () => {
    const facts = await software({ stdout: APPS }, { error: 'ENOENT' });
    expect(facts.running).toEqual(unknown('command-missing', '/bin/ps'));
    expect(facts.installed.state).toBe('known');
  });
});

describe('installed applications cache', () => {
  const list = (name: string): Observed<InstalledSoftware[]> =>
    known([{ name, version: null, publisher: null, identifier: null, teamId: null, source: 'macos-apps' }]);

  /** A reader whose reads finish only when the test says so. */
  function controlledReader() {
    const pending: ((result: Observed<InstalledSoftware[]>) => void)[] = [];
    const hosts: Host[] = [];
    const read = (host: Host) =>
      new Promise<Observed<InstalledSoftware[]>>((resolve) => {
        hosts.push(host);
        pending.push(resolve);
      });
    return { read, pending, hosts };
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('the first call waits; later calls answer with the last list while one refresh runs', async () => {
    const reader = controlledReader();
    const cache = new InstalledAppsCache(reader.read);
    const host = macHost();

    const first = cache.get(host);
    const concurrent = cache.get(host);
    expect(reader.pending).toHaveLength(1); // one read for both
    reader.pending[0]!(list('v1'));
    expect(await first).toEqual(list('v1'));
    expect(await concurrent).toEqual(list('v1'));

    expect(await cache.get(host)).toEqual(list('v1')); // answered at once, refresh started
    expect(await cache.get(host)).toEqual(list('v1')); // the same refresh, not a second one
    expect(reader.pending).toHaveLength(2);
    reader.pending[1]!(list('v2'));
    await settle();
    expect(await cache.get(host)).toEqual(list('v2'));
    expect(reader.pending).toHaveLength(3);
  });

  it('keeps each host apart: a bundle is never answered with another host’s list', async () => {
    const reader = controlledReader();
    const cache = new InstalledAppsCache(reader.read);
    const [a, b] = [macHost(), macHost()];
    const fromA = cache.get(a);
    reader.pending[0]!(list('on A'));
    await fromA;
    const fromB = cache.get(b); // B has no list yet: it waits for its own read
    expect(reader.hosts).toEqual([a, b]);
    reader.pending[1]!(list('on B'));
    expect(await fromB).toEqual(list('on B'));
    expect(await cache.get(a)).toEqual(list('on A'));
  });

  it('a read that throws becomes unknown (probe-error), and a later refresh can recover', async () => {
    let calls = 0;
    const cache = new InstalledAppsCache(async () => {
      calls++;
      if (calls === 1) throw new Error('boom');
      return list('recovered');
    });
    const host = macHost();
    expect(await cache.get(host)).toEqual(unknown('probe-error', 'boom'));
    expect(await cache.get(host)).toEqual(unknown('probe-error', 'boom'));
    await settle();
    expect(await cache.get(host)).toEqual(list('recovered'));
  });

  it('the software probe takes its inventory from the injected cache', async () => {
    const probe = darwinSoftwareProbe(new InstalledAppsCache(async () => list('from cache')));
    const facts = await probe.collect(macHost(ran(PS_PROCESSES, { stdout: '    1 /sbin/launchd\n' })));
    expect(facts.installed).toEqual(list('from cache'));
    expect(facts.running).toEqual(known([{ pid: 1, name: 'launchd', path: '/sbin/launchd' }]));
  });
});
