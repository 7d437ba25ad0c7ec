import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveHost } from '../../../src/node/host/live-host';
import { callHelper, fallbackIsolation, requestIsolation, wifiDevices, type HelperProblem } from '../../../src/node/isolation/client';
import { encodeCp932 } from '../probes/windows/support/cp932';
import { FakeHost } from '../../support/fake-host';

/**
 * The unprivileged fallback, with a fake `nmcli` first on PATH that records its arguments (there is no
 * NetworkManager here; this is the one boundary faked). The helper is really absent: no socket, or a
 * socket file nobody listens on.
 */
describe('client without the helper', () => {
  let dir: string;
  let savedPath: string | undefined;
  const record = () => path.join(dir, 'nmcli.args');
  const fakeNmcli = (exitCode: number, stderr = '') => {
    const script = `#!/bin/sh\nprintf '%s\\n' "$@" > '${record()}'\n${stderr ? `echo '${stderr}' >&2\n` : ''}exit ${exitCode}\n`;
    writeFileSync(path.join(dir, 'bin', 'nmcli'), script, { mode: 0o755 });
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-client-'));
    (require('node:fs') as typeof import('node:fs')).mkdirSync(path.join(dir, 'bin'));
    savedPath = process.env.PATH;
    process.env.PATH = `${path.join(dir, 'bin')}:${savedPath}`;
  });
  afterEach(() => {
    process.env.PATH = savedPath;
    rmSync(dir, { recursive: true, force: true });
  });

  it('no socket: turns networking off with nmcli and says to pull the cable; the report channel is cut too', async () => {
    fakeNmcli(0);
    const result = await requestIsolation('感染の疑い', { host: new LiveHost({ platform: 'linux' }), socketPath: path.join(dir, 'missing.sock') });
    expect(result).toEqual({
      code: 'isolation.network-off-pull-cable',
      via: 'fallback',
      method: 'nmcli networking off',
      reportChannelCut: true,
      userCanUndo: true,
      helper: { kind: 'absent', detail: 'ENOENT' },
    });
    expect(readFileSync(record(), 'utf8')).toBe('networking\noff\n');
  });

  it('a socket nobody listens on (helper crashed): ECONNREFUSED is "absent" too', async () => {
    const socketPath = path.join(dir, 'stale.sock');
    const server = net.createServer().listen(socketPath);
    await new Promise((r) => server.once('listening', r));
    (require('node:fs') as typeof import('node:fs')).linkSync(socketPath, `${socketPath}.keep`);
    await new Promise((r) => server.close(r));
    (require('node:fs') as typeof import('node:fs')).renameSync(`${socketPath}.keep`, socketPath);
    expect(await callHelper({ op: 'status' }, { socketPath })).toEqual({ kind: 'absent', detail: 'ECONNREFUSED' });
    fakeNmcli(0);
    expect(await requestIsolation('x', { host: new LiveHost({ platform: 'linux' }), socketPath })).toMatchObject({ code: 'isolation.network-off-pull-cable', helper: { kind: 'absent', detail: 'ECONNREFUSED' } });
  });

  it('nmcli refused (polkit) or missing: nothing was cut, so only "pull the cable" is left', async () => {
    fakeNmcli(1, 'Error: Not authorized to enable/disable networking.');
    const refused = await requestIsolation('x', { host: new LiveHost({ platform: 'linux' }), socketPath: path.join(dir, 'missing.sock') });
    expect(refused).toMatchObject({ code: 'isolation.pull-cable', via: 'none', reportChannelCut: false, fallback: { state: 'unknown', reason: 'access-denied' } });
    rmSync(path.join(dir, 'bin', 'nmcli'));
    process.env.PATH = path.join(dir, 'bin');
    const missing = await requestIsolation('x', { host: new LiveHost({ platform: 'linux' }), socketPath: path.join(dir, 'missing.sock') });
    expect(missing).toMatchObject({ code: 'isolation.pull-cable', fallback: { reason: 'command-missing' } });
  });

  it('on Windows the helper being absent leads to the Wi-Fi fallback, never to nmcli', async () => {
    fakeNmcli(0);
    const host = new FakeHost({ info: { platform: 'win32' }, commands: [{ file: 'netsh', args: ['wlan', 'disconnect'] }] });
    const result = await requestIsolation('x', { host, socketPath: path.join(dir, 'missing.sock') });
    expect(result).toMatchObject({ code: 'isolation.wifi-off-pull-cable', helper: { kind: 'absent', detail: 'ENOENT' } });
    expect(existsSync(record())).toBe(false);
  });

  it('the helper answering with an error (rules refused) also falls back', async () => {
    const socketPath = path.join(dir, 'h.sock');
    const server = net.createServer((s) => s.end('{"ok":false,"error":"apply-failed","detail":"nft: Operation not permitted"}\n').resume());
    await new Promise<void>((r) => server.listen(socketPath, r));
    chmodSync(socketPath, 0o600);
    fakeNmcli(0);
    try {
      const result = await requestIsolation('x', { host: new LiveHost({ platform: 'linux' }), socketPath });
      expect(result).toMatchObject({ code: 'isolation.network-off-pull-cable', helper: { kind: 'error', detail: 'apply-failed: nft: Operation not permitted' } });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('an answer that is not the protocol is a failure, not a success', async () => {
    const socketPath = path.join(dir, 'h.sock');
    const server = net.createServer((s) => s.end('{"ok":true,"op":"isolate"}\n').resume());
    await new Promise<void>((r) => server.listen(socketPath, r));
    try {
      expect(await callHelper({ op: 'status' }, { socketPath })).toEqual({ kind: 'failed', detail: 'unexpected answer' });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

/**
 * Windows and macOS without the helper: Wi-Fi off with the user's own rights, through recorded command
 * answers (FakeHost). The macOS port list is a real capture (test/fixtures/README.md).
 */
describe('Wi-Fi fallback on Windows and macOS', () => {
  const absent: HelperProblem = { kind: 'absent', detail: 'ENOENT' };
  const PORTS = readFileSync(path.join(__dirname, '../../fixtures/mac/networksetup_-listallhardwareports.wifi-en1.superuser-267660.partial.txt'), 'utf8');

  describe('Windows: netsh wlan disconnect, judged by its exit code only', () => {
    it('exit 0: Wi-Fi disconnected, pull the cable; the report channel may be cut', async () => {
      // Constructed text, not a capture: Japanese Windows answers in CP932 and the text is never read.
      const host = new FakeHost({ info: { platform: 'win32' }, commands: [{ file: 'netsh', args: ['wlan', 'disconnect'], stdout: encodeCp932('インターフェイス "Wi-Fi" で切断要求が正常に完了しました。\r\n') }] });
      expect(await fallbackIsolation(host, 'win32', absent)).toEqual({
        code: 'isolation.wifi-off-pull-cable',
        via: 'fallback',
        method: 'netsh wlan disconnect',
        devices: [],
        reportChannelCut: true,
        userCanUndo: true,
        helper: absent,
      });
      expect(host.runs.map((r) => [r.file, ...r.args])).toEqual([['netsh', 'wlan', 'disconnect']]);
    });

    it('a non-zero exit (WLAN service stopped, no adapter, denied) means nothing was done: pull the cable, with the reason', async () => {
      const host = new FakeHost({ info: { platform: 'win32' }, commands: [{ file: 'netsh', args: ['wlan', 'disconnect'], exitCode: 1, stdout: 'The Wireless AutoConfig Service (wlansvc) is not running.\r\n' }] });
      expect(await fallbackIsolation(host, 'win32', absent)).toEqual({
        code: 'isolation.pull-cable',
        via: 'none',
        reportChannelCut: false,
        helper: absent,
        fallback: { state: 'unknown', reason: 'command-failed', detail: 'netsh exit 1: The Wireless AutoConfig Service (wlansvc) is not running.' },
      });
      const missing = await fallbackIsolation(new FakeHost({ info: { platform: 'win32' } }), 'win32', absent);
      expect(missing).toMatchObject({ code: 'isolation.pull-cable', fallback: { reason: 'command-missing', detail: 'netsh' } });
    });
  });

  describe('macOS: networksetup -setairportpower <Wi-Fi device> off', () => {
    const mac = (power: Record<string, { set?: number; get?: string }>, ports: string | { exitCode: number } = PORTS) =>
      new FakeHost({
        info: { platform: 'darwin' },
        respond: (spec) => {
          if (spec.file !== 'networksetup') return undefined;
          const [op, dev] = spec.args;
          if (op === '-listallhardwareports') return typeof ports === 'string' ? { stdout: ports } : { exitCode: ports.exitCode, stderr: 'boom' };
          const p = dev === undefined ? undefined : power[dev];
          if (!p) return undefined;
          if (op === '-setairportpower') return { exitCode: p.set ?? 0 };
          if (op === '-getairportpower') return { stdout: p.get ?? `Wi-Fi Power (${dev}): Off\n` };
          return undefined;
        },
      });

    it('the real port list: Wi-Fi is en1 (en0 is Ethernet); turned off and confirmed Off', async () => {
      const host = mac({ en1: {} });
      expect(await fallbackIsolation(host, 'darwin', absent)).toEqual({
        code: 'isolation.wifi-off-pull-cable',
        via: 'fallback',
        method: 'networksetup -setairportpower off',
        devices: ['en1'],
        reportChannelCut: true,
        userCanUndo: true,
        helper: absent,
      });
      expect(host.runs.map((r) => [r.file, ...r.args])).toEqual([
        ['networksetup', '-listallhardwareports'],
        ['networksetup', '-setairportpower', 'en1', 'off'],
        ['networksetup', '-getairportpower', 'en1'],
      ]);
      expect(host.runs.every((r) => r.env?.LC_ALL === 'C')).toBe(true);
    });

    it('ports: "Wi-Fi" and the pre-10.7 "AirPort" count; Ethernet, Bluetooth, Thunderbolt do not', () => {
      expect(wifiDevices(PORTS)).toEqual(['en1']);
      // Constructed: the pre-Lion name, CRLF, and a device name that must not become an argument.
      expect(wifiDevices('Hardware Port: AirPort\r\nDevice: en1\r\n\r\nHardware Port: Ethernet\r\nDevice: en0\r\n')).toEqual(['en1']);
      expect(wifiDevices('Hardware Port: Wi-Fi\nDevice: -x\n')).toEqual([]);
    });

    it('the power change refused (admin setting) or not taking effect: pull the cable, with the reason', async () => {
      const refused = await fallbackIsolation(mac({ en1: { set: 1 } }), 'darwin', absent);
      expect(refused).toMatchObject({ code: 'isolation.pull-cable', via: 'none', reportChannelCut: false, fallback: { reason: 'command-failed', detail: 'networksetup exit 1' } });
      const stillOn = await fallbackIsolation(mac({ en1: { get: 'Wi-Fi Power (en1): On\n' } }), 'darwin', absent);
      expect(stillOn).toMatchObject({ code: 'isolation.pull-cable', fallback: { reason: 'command-failed', detail: 'networksetup -setairportpower en1 off: Wi-Fi Power (en1): On' } });
      const noList = await fallbackIsolation(mac({}, { exitCode: 1 }), 'darwin', absent);
      expect(noList).toMatchObject({ code: 'isolation.pull-cable', fallback: { reason: 'command-failed', detail: 'networksetup exit 1: boom' } });
    });

    it('no Wi-Fi port (a Mac mini on a cable): nothing to turn off, pull the cable', async () => {
      const wired = PORTS.split('\n\n').filter((b) => !b.includes('Wi-Fi')).join('\n\n');
      const host = mac({}, wired);
      expect(await fallbackIsolation(host, 'darwin', absent)).toMatchObject({ code: 'isolation.pull-cable', via: 'none', fallback: { reason: 'no-wifi-adapter' } });
      expect(host.runs).toHaveLength(1);
    });
  });
});
