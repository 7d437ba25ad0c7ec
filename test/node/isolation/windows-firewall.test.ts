import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandSpec } from '../../../src/node/host/host';
import { FirewallError } from '../../../src/node/isolation/firewall';
import { IsolationService } from '../../../src/node/isolation/service';
import { AuditLog, StateStore } from '../../../src/node/isolation/state';
import { renderNetshIsolation } from '../../../src/node/isolation/windows';
import { NetshFirewall, parseProfiles, PROFILE_QUERY_ARGS } from '../../../src/node/isolation/windows-firewall';
import { FakeHost } from '../../support/fake-host';
import { encodeCp932 } from '../probes/windows/support/cp932';
import { SAMPLE_ENDPOINTS } from './sample';

/** PROFILE_QUERY_ARGS' output on a PC whose Domain profile was never configured locally (SYNTHETIC: see test/fixtures/README.md). */
const PROFILES_JSON = readFileSync(path.join(__dirname, '../../fixtures/win/Get-NetFirewallProfile_PersistentStore.names.SYNTHETIC.json'), 'utf8');
const RECORDED = {
  domain: { state: 'on', policy: 'blockinbound,allowoutbound' },
  private: { state: 'on', policy: 'blockinbound,allowoutbound' },
  public: { state: 'off', policy: 'blockinboundalways,allowoutbound' },
};
const allowlist = { endpoints: SAMPLE_ENDPOINTS, unresolved: [] };
const show = ['advfirewall', 'firewall', 'show', 'rule', 'name=Mamori-Isolation'];
const del = ['advfirewall', 'firewall', 'delete', 'rule', 'name=Mamori-Isolation'];

/**
 * Windows Firewall as netsh and PowerShell behave towards us: rules named Mamori-Isolation exist or
 * not (show/delete exit 0 or 1, output never read), `add` creates them, `set` succeeds, and the
 * profile query answers with the fixture. `fail` makes one command fail as Japanese Windows does.
 */
function windowsHost(fail?: (spec: CommandSpec) => boolean) {
  let rules = false;
  const host = new FakeHost({
    info: { platform: 'win32' },
    respond: (spec) => {
      if (fail?.(spec)) return { exitCode: 1, stdout: encodeCp932('要求された操作には管理者特権が必要です。\r\n') };
      if (spec.file === 'powershell.exe') return { stdout: PROFILES_JSON };
      if (spec.file !== 'netsh') return undefined;
      const verb = spec.args[2];
      if (verb === 'show') return { exitCode: rules ? 0 : 1 };
      if (verb === 'delete') {
        const had = rules;
        rules = false;
        return { exitCode: had ? 0 : 1 };
      }
      if (verb === 'add') rules = true;
      return { exitCode: 0 };
    },
  });
  return { host, rules: () => rules, reboot: () => undefined /* Windows Firewall rules persist */ };
}

describe('Windows: NetshFirewall', () => {
  let dir: string;
  let record: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-netsh-'));
    record = path.join(dir, 'firewall-profiles.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the profile query as enum names, in any order, and nothing else', () => {
    expect(parseProfiles(PROFILES_JSON.trim())).toEqual(RECORDED);
    const rows = JSON.parse(PROFILES_JSON) as object[];
    expect(parseProfiles(JSON.stringify([...rows].reverse()))).toEqual(RECORDED);
    // ConvertTo-Json of the raw enums (numbers) is not what we ask for: refused, not guessed.
    expect(parseProfiles('[{"Name":"Domain","Enabled":1,"DefaultInboundAction":4,"DefaultOutboundAction":2,"AllowInboundRules":1}]')).toBeNull();
    expect(parseProfiles(JSON.stringify(rows.slice(0, 2)))).toBeNull();
    expect(parseProfiles('')).toBeNull();
  });

  it('records the profiles first, runs the netsh lists in order; a restart re-applies without recording again; release restores', async () => {
    const { host, rules } = windowsHost();
    await new NetshFirewall(host, record).apply(allowlist);
    const commands = (from = 0) => host.runs.slice(from).map((r) => [r.file, ...r.args]);
    expect(commands()).toEqual([['powershell.exe', ...PROFILE_QUERY_ARGS], ...renderNetshIsolation(allowlist).map((a) => ['netsh', ...a])]);
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual({ previous: RECORDED });
    expect(rules()).toBe(true);

    // Helper restarted (or the watchdog): the record of the first application stays; the default
    // policy now in force (block outbound) must never become "the previous one".
    const mark = host.runs.length;
    const restarted = new NetshFirewall(host, record);
    expect(await restarted.isApplied()).toBe(true);
    await restarted.apply(allowlist);
    expect(commands(mark).some((c) => c[0] === 'powershell.exe')).toBe(false);
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual({ previous: RECORDED });

    const beforeRelease = host.runs.length;
    await restarted.remove();
    expect(commands(beforeRelease)).toEqual([
      ['netsh', ...del],
      ['netsh', ...show],
      ['netsh', 'advfirewall', 'set', 'domainprofile', 'state', 'on'],
      ['netsh', 'advfirewall', 'set', 'domainprofile', 'firewallpolicy', 'blockinbound,allowoutbound'],
      ['netsh', 'advfirewall', 'set', 'privateprofile', 'state', 'on'],
      ['netsh', 'advfirewall', 'set', 'privateprofile', 'firewallpolicy', 'blockinbound,allowoutbound'],
      ['netsh', 'advfirewall', 'set', 'publicprofile', 'state', 'off'],
      ['netsh', 'advfirewall', 'set', 'publicprofile', 'firewallpolicy', 'blockinboundalways,allowoutbound'],
    ]);
    expect(existsSync(record)).toBe(false);
    expect(await restarted.isApplied()).toBe(false);
  });

  it('a failing command is a FirewallError with an unknown (CP932 message decoded), never success', async () => {
    const { host } = windowsHost((spec) => spec.args.includes('firewallpolicy') && spec.args.includes('blockinbound,blockoutbound'));
    const error = await new NetshFirewall(host, record).apply(allowlist).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FirewallError);
    expect((error as FirewallError).why).toEqual({ state: 'unknown', reason: 'command-failed', detail: 'netsh exit 1: 要求された操作には管理者特権が必要です。' });
  });

  it('through the service: apply-failed, and the status says not enforced — never "isolated and enforced"', async () => {
    const { host } = windowsHost((spec) => spec.args[2] === 'add');
    const service = new IsolationService({
      firewall: new NetshFirewall(host, record),
      store: new StateStore(dir),
      audit: new AuditLog(dir),
      inputs: async () => ({ channels: [], settings: { allow: [{ host: '10.0.0.9', protocol: 'tcp' }], dns: [] }, source: 'test', problems: [] }),
      resolve: async () => [],
      self: { user: 'SYSTEM', via: 'helper' },
    });
    expect(await service.isolate({ user: 'CONTOSO\\tanaka', via: 'socket' }, 'x')).toMatchObject({ ok: false, error: 'apply-failed' });
    expect(await service.status()).toMatchObject({ ok: true, status: { isolated: true, enforced: false, warnings: expect.arrayContaining([{ code: 'not-enforced' }]) } });
  });

  it('an unreadable profile query records nothing and changes nothing', async () => {
    const host = new FakeHost({ info: { platform: 'win32' }, commands: [{ file: 'powershell.exe', args: PROFILE_QUERY_ARGS, stdout: 'Get-NetFirewallProfile : アクセスが拒否されました。' }] });
    await expect(new NetshFirewall(host, record).apply(allowlist)).rejects.toMatchObject({ why: { reason: 'unparseable-output' } });
    expect(host.runs.filter((r) => r.file === 'netsh')).toEqual([]);
    expect(existsSync(record)).toBe(false);
  });

  it('a lost record restores the Windows defaults on release; no record (never isolated by us) touches no profile', async () => {
    const { host } = windowsHost();
    const fw = new NetshFirewall(host, record);
    await fw.apply(allowlist);
    writeFileSync(record, '{"previous":');
    const mark = host.runs.length;
    await fw.remove();
    expect(host.runs.slice(mark).filter((r) => r.args[1] === 'set').map((r) => r.args.slice(2))).toEqual([
      ['domainprofile', 'state', 'on'],
      ['domainprofile', 'firewallpolicy', 'blockinbound,allowoutbound'],
      ['privateprofile', 'state', 'on'],
      ['privateprofile', 'firewallpolicy', 'blockinbound,allowoutbound'],
      ['publicprofile', 'state', 'on'],
      ['publicprofile', 'firewallpolicy', 'blockinbound,allowoutbound'],
    ]);
    const again = host.runs.length;
    await fw.remove();
    expect(host.runs.slice(again).map((r) => r.args)).toEqual([del, show]);
  });
});
