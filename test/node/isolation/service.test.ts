import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashReleaseCode } from '../../../src/node/isolation/release-code';
import { IsolationService } from '../../../src/node/isolation/service';
import type { IsolationInputs } from '../../../src/node/isolation/settings';
import { AuditLog, ensureStateDir, StateStore, type Actor } from '../../../src/node/isolation/state';
import { FakeFirewall } from '../../support/isolation';

const USER: Actor = { uid: 1000, user: 'tanaka', via: 'socket' };
const ROOT: Actor = { uid: 0, user: 'root', via: 'socket' };
const STAFF = { actor: USER, admin: false };
const ADMIN = { actor: ROOT, admin: true };
const CODE = 'K4-7731-Z';

describe('isolation service', () => {
  let dir: string;
  let firewall: FakeFirewall;
  let now: number;
  let inputs: IsolationInputs;
  const service = () =>
    new IsolationService({
      firewall,
      store: new StateStore(dir),
      audit: new AuditLog(dir),
      inputs: async () => inputs,
      resolve: async (h) => (h === 'csirt.example.go.jp' ? ['192.0.2.10'] : []),
      vpn: async () => ({ code: 'none', devices: [], endpoints: [] }),
      clock: () => new Date(now),
    });
  const audit = async () => (await new AuditLog(dir).read()).map((e) => `${e.action}:${e.result}:${e.actor.user}`);

  beforeEach(async () => {
    dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'mamori-iso-')), 'state');
    await ensureStateDir(dir, process.getuid!());
    firewall = new FakeFirewall();
    now = Date.parse('2026-11-26T10:00:00Z');
    inputs = {
      channels: [{ type: 'https', url: 'https://csirt.example.go.jp/r' }],
      settings: { allow: [], dns: ['192.0.2.53'], releaseCodeHash: await hashReleaseCode(CODE, { ln: 10, r: 8, p: 1 }) },
      source: 'test',
      problems: [],
    };
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('isolates with the policy endpoints, persists who/when/why (0600) and audits it', async () => {
    const out = await service().isolate(USER, '不審なメールを開いた');
    expect(out).toMatchObject({ ok: true, status: { isolated: true, enforced: true, reason: '不審なメールを開いた', actor: USER, releasableWithCode: true } });
    expect(out.ok && out.status.allowed).toEqual(['192.0.2.10 443/tcp (csirt.example.go.jp)', '192.0.2.53 53/udp', '192.0.2.53 53/tcp']);
    expect(firewall.applied?.endpoints).toHaveLength(3);
    expect(statSync(path.join(dir, 'isolation.json')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'isolation-audit.jsonl')).mode & 0o777).toBe(0o600);
    expect(await audit()).toEqual(['isolate:ok:tanaka']);
  });

  it('a new service (restart, reboot) puts recorded isolation back; not isolated means nothing applied', async () => {
    expect(await service().reapply()).toMatchObject({ ok: true, status: { isolated: false } });
    expect(firewall.applied).toBeNull();
    await service().isolate(USER, 'x');
    firewall.applied = null; // reboot: the kernel forgot
    const again = await service().reapply();
    expect(again).toMatchObject({ ok: true, status: { isolated: true, enforced: true, actor: USER } });
    expect(firewall.applied).not.toBeNull();
  });

  it('an unreadable state file counts as isolated (fail closed) and is kept aside', async () => {
    writeFileSync(path.join(dir, 'isolation.json'), '{"version":1,"isolation":', { mode: 0o600 });
    const out = await service().reapply();
    expect(out).toMatchObject({ ok: true, status: { isolated: true } });
    expect(readdirSync(dir).some((f) => f.startsWith('isolation.json.unreadable-'))).toBe(true);
    expect((await new AuditLog(dir).read())[0]).toMatchObject({ action: 'reapply', result: 'ok', reason: expect.stringContaining('state file unreadable') });
  });

  it('the watchdog re-applies rules that disappeared, and only then', async () => {
    const s = service();
    await s.isolate(USER, 'x');
    await s.enforce();
    expect(firewall.applyCount).toBe(1);
    firewall.applied = null;
    await s.enforce();
    expect(firewall.applyCount).toBe(2);
    expect(await audit()).toEqual(['isolate:ok:tanaka', 'enforce:ok:root']);
  });

  it('when the firewall refuses, the wish stays recorded (retried) and the caller hears apply-failed', async () => {
    firewall.failApply = true;
    expect(await service().isolate(USER, 'x')).toMatchObject({ ok: false, error: 'apply-failed' });
    firewall.failApply = false;
    await service().enforce();
    expect(firewall.applied).not.toBeNull();
  });

  it('releases with the right code (full-width digits too), not with a wrong one or none', async () => {
    const s = service();
    await s.isolate(USER, 'x');
    expect(await s.release(STAFF, undefined)).toMatchObject({ ok: false, error: 'code-required' });
    expect(await s.release(STAFF, 'K4-7731-z')).toMatchObject({ ok: false, error: 'bad-code' });
    expect(firewall.applied).not.toBeNull();
    expect(await s.release(STAFF, 'Ｋ４-７７３１-Ｚ')).toMatchObject({ ok: true, status: { isolated: false, enforced: false } });
    expect(firewall.applied).toBeNull();
    expect(await s.release(STAFF, CODE)).toMatchObject({ ok: false, error: 'not-isolated' });
    // Refused attempts are audited as well as wrong codes: none given, wrong, then after the release.
    expect(await audit()).toEqual(['isolate:ok:tanaka', 'release:denied:tanaka', 'release:denied:tanaka', 'release:authorized:tanaka', 'release:ok:tanaka', 'release:denied:tanaka']);
    expect((await new AuditLog(dir).read()).map((e) => e.detail)).toEqual([undefined, 'no release code given', 'wrong release code (1 in a row)', 'release code', undefined, 'not isolated']);
  });

  it('an administrator releases without a code; without a release code in the policy only an administrator can', async () => {
    inputs = { ...inputs, settings: { ...inputs.settings, releaseCodeHash: undefined } };
    const s = service();
    await s.isolate(USER, 'x');
    expect(await s.release(STAFF, CODE)).toMatchObject({ ok: false, error: 'no-release-code' });
    expect((await new AuditLog(dir).read()).at(-1)).toMatchObject({ action: 'release', result: 'denied', detail: 'the policy allows no release code' });
    expect(await s.release(ADMIN, undefined, 'CSIRT confirmed clean')).toMatchObject({ ok: true, status: { isolated: false } });
    expect((await new AuditLog(dir).read()).at(-1)).toMatchObject({ action: 'release', result: 'ok', actor: ROOT, reason: 'CSIRT confirmed clean' });
  });

  it('rate-limits wrong codes, across a restart, and even the right code waits; success resets it', async () => {
    await service().isolate(USER, 'x');
    for (let i = 1; i <= 4; i++) expect(await service().release(STAFF, `wrong-${i}`)).toEqual({ ok: false, error: 'bad-code' });
    expect(await service().release(STAFF, 'wrong-5')).toEqual({ ok: false, error: 'bad-code', retryAfterSeconds: 30 });
    now += 10_000;
    // A fresh service (helper restarted) still knows, and does not even try the (right) code.
    expect(await service().release(STAFF, CODE)).toEqual({ ok: false, error: 'rate-limited', retryAfterSeconds: 20 });
    expect(firewall.applied).not.toBeNull();
    now += 20_000;
    expect(await service().release(STAFF, 'wrong-6')).toEqual({ ok: false, error: 'bad-code', retryAfterSeconds: 60 });
    now += 60_000;
    expect(await service().release(STAFF, CODE)).toMatchObject({ ok: true });
    await service().isolate(USER, 'again');
    expect(await service().release(STAFF, 'wrong-after-reset')).toEqual({ ok: false, error: 'bad-code' });
    expect((await audit()).filter((e) => e === 'release:rate-limited:tanaka')).toHaveLength(1);
  });

  it('a release that cannot be audited does not happen', async () => {
    const s = service();
    await s.isolate(USER, 'x');
    rmSync(path.join(dir, 'isolation-audit.jsonl'));
    const auditDir = path.join(dir, 'isolation-audit.jsonl');
    // A directory where the log should be: appending fails.
    await ensureStateDir(auditDir, process.getuid!());
    expect(await s.release(STAFF, CODE)).toMatchObject({ ok: false, error: 'audit-failed' });
    expect(firewall.applied).not.toBeNull();
  });

  it('warns about unresolved names, missing DNS, no report channel and policy problems', async () => {
    inputs = { ...inputs, channels: [], settings: { allow: [{ host: 'gone.example.go.jp', protocol: 'tcp' }], dns: [] }, problems: ['/etc/mamori/policy.json: mode 666 lets others write'] };
    const out = await service().isolate(USER, 'x');
    expect(out.ok && out.status.warnings.map((w) => w.code)).toEqual(['no-report-endpoint', 'unresolved-endpoint', 'names-without-dns', 'policy-problem']);
  });

  it('warns when a VPN tunnel carries the report endpoints', async () => {
    const s = new IsolationService({
      firewall,
      store: new StateStore(dir),
      audit: new AuditLog(dir),
      inputs: async () => inputs,
      resolve: async () => ['192.0.2.10'],
      vpn: async (ips) => ({ code: 'report-via-tunnel', devices: ['wg0'], endpoints: ips }),
    });
    const out = await s.isolate(USER, 'x');
    expect(out.ok && out.status.warnings).toEqual([{ code: 'report-via-tunnel', detail: 'wg0 192.0.2.10' }]);
    expect(await s.status()).toMatchObject({ ok: true, status: { warnings: [{ code: 'report-via-tunnel' }] } });
  });

  it('administrator rights come from the channel, not from a uid (Windows actors have none)', async () => {
    const s = service();
    await s.isolate(USER, 'x');
    const windowsUser = { user: 'CONTOSO\\tanaka', via: 'socket' as const };
    expect(await s.release({ actor: windowsUser, admin: false }, undefined)).toMatchObject({ ok: false, error: 'code-required' });
    // uid 0 without the channel's word is not an administrator either.
    expect(await s.release({ actor: ROOT, admin: false }, undefined)).toMatchObject({ ok: false, error: 'code-required' });
    expect(await s.release({ actor: { user: 'elevated administrator', via: 'socket' }, admin: true }, undefined, 'CSIRT')).toMatchObject({ ok: true });
    expect((await new AuditLog(dir).read()).at(-1)).toMatchObject({ action: 'release', result: 'ok', actor: { user: 'elevated administrator', via: 'socket' } });
  });

  it('names the helper itself as the platform says (SYSTEM on Windows)', async () => {
    await service().isolate(USER, 'x');
    firewall.applied = null;
    const s = new IsolationService({ firewall, store: new StateStore(dir), audit: new AuditLog(dir), inputs: async () => inputs, resolve: async () => [], self: { user: 'SYSTEM', via: 'helper' } });
    await s.reapply();
    expect((await new AuditLog(dir).read()).at(-1)).toMatchObject({ action: 'reapply', result: 'ok', actor: { user: 'SYSTEM', via: 'helper' } });
  });

  it('refuses a state folder others can write', async () => {
    const open = path.join(path.dirname(dir), 'open');
    await ensureStateDir(open, process.getuid!());
    (await import('node:fs')).chmodSync(open, 0o777);
    await expect(ensureStateDir(open, process.getuid!())).rejects.toThrow(/lets others write/);
    await expect(ensureStateDir(open, 12345)).rejects.toThrow(/owner uid/);
  });
});
