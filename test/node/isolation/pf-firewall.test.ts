import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FirewallError } from '../../../src/node/isolation/firewall';
import { PF_ANCHOR, renderPfAnchor } from '../../../src/node/isolation/pf';
import { BOOT_SESSION_ARGS, PfFirewall } from '../../../src/node/isolation/pf-firewall';
import { IsolationService } from '../../../src/node/isolation/service';
import { AuditLog, StateStore } from '../../../src/node/isolation/state';
import { FakeHost } from '../../support/fake-host';

const FIXTURES = path.join(__dirname, '../../fixtures/mac');
/** Real `pfctl -s info` output (pf's own printer, quoted in influxdata/telegraf's pf plugin README). */
const INFO_ENABLED = readFileSync(path.join(FIXTURES, 'pfctl_-s_info.enabled.telegraf-readme.txt'), 'utf8');
/** SYNTHETIC (test/fixtures/README.md): the line shape public pf tools parse, `Token : <n>` on stderr. */
const ENABLE_STDERR = readFileSync(path.join(FIXTURES, 'pfctl_-E.stderr.SYNTHETIC.txt'), 'utf8');
const TOKEN = '18446615496591543296';
const BOOT_1 = '6F9D1C2E-4A8B-4C3D-9E1F-0A1B2C3D4E5F';
const BOOT_2 = '0B2D9E7C-1F3A-4B5C-8D6E-7F8091A2B3C4';

/** pf as pfctl shows it to us: an anchor with or without rules, enabled or not, references taken and given back. */
function macHost() {
  const pf = { rules: '', enabled: false, refs: [] as string[], boot: BOOT_1, failLoad: false, noToken: false };
  const host = new FakeHost({
    info: { platform: 'darwin' },
    respond: (spec) => {
      const a = spec.args.join(' ');
      if (spec.file === '/usr/sbin/sysctl' && a === BOOT_SESSION_ARGS.join(' ')) return { stdout: `${pf.boot}\n` };
      if (spec.file !== '/sbin/pfctl') return undefined;
      if (a.startsWith(`-a ${PF_ANCHOR} -f `)) {
        if (pf.failLoad) return { exitCode: 1, stderr: 'pfctl: Syntax error in config file: pf rules not loaded\n' };
        pf.rules = readFileSync(spec.args[3]!, 'utf8');
        return {};
      }
      if (a === `-a ${PF_ANCHOR} -s rules`) return { stdout: pf.rules };
      if (a === `-a ${PF_ANCHOR} -F all`) return (pf.rules = '', { stderr: 'rules cleared\n' });
      if (a === '-s info') return { stdout: pf.enabled ? INFO_ENABLED : INFO_ENABLED.replace(/^Status: Enabled.*$/m, 'Status: Disabled') };
      if (a === '-E') {
        pf.enabled = true;
        pf.refs.push(TOKEN);
        return { stderr: pf.noToken ? 'pf enabled\n' : ENABLE_STDERR };
      }
      if (a === '-F states') return { stderr: '0 states cleared\n' };
      if (spec.args[0] === '-X') {
        const i = pf.refs.indexOf(spec.args[1]!);
        if (i < 0) return { exitCode: 1, stderr: 'pfctl: DIOCSTOPREF: No such file or directory\n' };
        pf.refs.splice(i, 1);
        if (pf.refs.length === 0) pf.enabled = false;
        return {};
      }
      return undefined;
    },
  });
  /** What a reboot does to pf: rules and references gone, pf off, a new boot session. */
  const reboot = () => Object.assign(pf, { rules: '', enabled: false, refs: [], boot: BOOT_2 });
  return { host, pf, reboot };
}

describe('macOS: PfFirewall', () => {
  let dir: string;
  const allowlist = { endpoints: [{ ip: '10.0.0.2', family: 4 as const, protocol: 'tcp' as const, port: 443, host: 'csirt.example.go.jp', source: 'reporting:https' }], unresolved: [] };
  const rulesFile = () => path.join(dir, 'isolation.pf.conf');
  const recordFile = () => path.join(dir, 'pf-token.json');
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-pf-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('apply → restart → reboot → reapply → release: one reference per boot, given back only in its own boot', async () => {
    const { host, pf, reboot } = macHost();
    const service = () =>
      new IsolationService({
        firewall: new PfFirewall(host, rulesFile(), recordFile()),
        store: new StateStore(dir),
        audit: new AuditLog(dir),
        inputs: async () => ({ channels: [{ type: 'https', url: 'https://10.0.0.2/r' }], settings: { allow: [], dns: [] }, source: 'test', problems: [] }),
        resolve: async () => [],
      });
    const commands = (from: number) => host.runs.slice(from).map((r) => [r.file, ...r.args]);

    expect(await service().isolate({ uid: 501, user: 'tanaka', via: 'socket' }, 'x')).toMatchObject({ ok: true, status: { isolated: true, enforced: true } });
    expect(commands(0).slice(0, 5)).toEqual([
      ['/sbin/pfctl', '-a', PF_ANCHOR, '-f', rulesFile()],
      ['/sbin/pfctl', '-s', 'info'],
      ['/usr/sbin/sysctl', ...BOOT_SESSION_ARGS],
      ['/sbin/pfctl', '-E'],
      ['/sbin/pfctl', '-F', 'states'],
    ]);
    expect(readFileSync(rulesFile(), 'utf8')).toBe(renderPfAnchor(allowlist));
    expect(statSync(rulesFile()).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(recordFile(), 'utf8'))).toEqual({ token: TOKEN, boot: BOOT_1 });

    // Helper restarted, same boot: the rules are loaded again and states flushed, no second reference.
    let mark = host.runs.length;
    await service().reapply();
    expect(commands(mark).filter((c) => c[1] === '-E')).toEqual([]);
    expect(pf.refs).toEqual([TOKEN]);

    // Reboot: pf forgot everything. The helper's start re-applies and takes a new reference.
    reboot();
    mark = host.runs.length;
    expect(await service().status()).toMatchObject({ ok: true, status: { isolated: true, enforced: false } });
    expect(await service().reapply()).toMatchObject({ ok: true, status: { isolated: true, enforced: true } });
    expect(commands(mark).filter((c) => c[1] === '-E')).toHaveLength(1);
    expect(JSON.parse(readFileSync(recordFile(), 'utf8'))).toEqual({ token: TOKEN, boot: BOOT_2 });

    mark = host.runs.length;
    expect(await service().release({ actor: { uid: 0, user: 'root', via: 'socket' }, admin: true }, undefined, 'CSIRT')).toMatchObject({ ok: true });
    expect(commands(mark).filter((c) => c[0] === '/sbin/pfctl' && (c[3] === '-F' || c[1] === '-X'))).toEqual([
      ['/sbin/pfctl', '-a', PF_ANCHOR, '-F', 'all'],
      ['/sbin/pfctl', '-X', TOKEN],
    ]);
    expect(pf).toMatchObject({ rules: '', enabled: false, refs: [] });
    expect(existsSync(recordFile())).toBe(false);
  });

  it('a token from an earlier boot is never given back (it could be someone else’s reference now)', async () => {
    const { host, pf, reboot } = macHost();
    const fw = new PfFirewall(host, rulesFile(), recordFile());
    await fw.apply(allowlist);
    reboot();
    pf.refs.push(TOKEN); // another program's reference, by chance with the same value
    pf.enabled = true;
    await fw.remove();
    expect(host.runs.some((r) => r.args[0] === '-X')).toBe(false);
    expect(pf.refs).toEqual([TOKEN]);
  });

  it('pfctl refusing the rules, or -E without a token, is a FirewallError (unknown), not success', async () => {
    const { host, pf } = macHost();
    pf.failLoad = true;
    const error = await new PfFirewall(host, rulesFile(), recordFile()).apply(allowlist).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FirewallError);
    expect((error as FirewallError).why).toMatchObject({ state: 'unknown', reason: 'command-failed', detail: expect.stringContaining('pf rules not loaded') });
    pf.failLoad = false;
    pf.noToken = true;
    await expect(new PfFirewall(host, rulesFile(), recordFile()).apply(allowlist)).rejects.toMatchObject({ why: { reason: 'unparseable-output' } });
  });

  it('isApplied: rules in our anchor and pf enabled; unknown when pfctl cannot tell', async () => {
    const { host, pf } = macHost();
    const fw = new PfFirewall(host, rulesFile(), recordFile());
    expect(await fw.isApplied()).toBe(false);
    await fw.apply(allowlist);
    expect(await fw.isApplied()).toBe(true);
    pf.enabled = false; // `pfctl -d` by someone: the watchdog must put it back
    expect(await fw.isApplied()).toBe(false);
    expect(await new PfFirewall(new FakeHost({ info: { platform: 'darwin' } }), rulesFile(), recordFile()).isApplied()).toBeNull();
  });
});
