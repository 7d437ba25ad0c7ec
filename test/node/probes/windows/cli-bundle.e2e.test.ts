import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../support/policy';
import { command, fixture, fixtureText, NETSH, PNPUTIL, POWERCFG, REG, REG_NOT_FOUND_JA, TASKLIST, windowsBundle } from './support/bundle';
import { encodeCp932 } from './support/cp932';

/**
 * End to end: a support bundle from a Japanese Windows PC, written to a file and checked by the
 * built CLI (`mamori check --bundle FILE --json`) against the example policy. Every command output
 * is stored as the console wrote it: CP932 text goes into the bundle as base64.
 */
const UNINSTALL = 'Microsoft\\Windows\\CurrentVersion\\Uninstall';
const bundle = windowsBundle([
  command(REG, ['query', 'HKCU\\Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop'], { stdout: fixture('reg_query_screensaver_policy.SYNTHETIC.txt') }),
  command(REG, ['query', 'HKCU\\Control Panel\\Desktop'], REG_NOT_FOUND_JA),
  command(REG, ['query', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System'], REG_NOT_FOUND_JA),
  command(REG, ['query', 'HKLM\\Software\\Policies\\Microsoft\\Power\\PowerSettings\\0e796bdb-100d-47d6-a2d5-f7d2daa51f51'], REG_NOT_FOUND_JA),
  command(POWERCFG, ['/qh', 'SCHEME_CURRENT', 'SUB_NONE', 'CONSOLELOCK'], { stdout: fixture('powercfg_qh_consolelock.en-US.txt') }),
  command(POWERCFG, ['/q', 'SCHEME_CURRENT', 'SUB_VIDEO', 'VIDEOIDLE'], { stdout: fixture('powercfg_q_videoidle.es-ES.partial.txt') }),
  command(REG, ['query', `HKLM\\SOFTWARE\\${UNINSTALL}`, '/s'], { stdout: encodeCp932(fixtureText('reg_query_uninstall_s.ja-JP.constructed.txt')) }),
  command(REG, ['query', `HKLM\\SOFTWARE\\WOW6432Node\\${UNINSTALL}`, '/s'], REG_NOT_FOUND_JA),
  command(REG, ['query', `HKCU\\Software\\${UNINSTALL}`, '/s'], REG_NOT_FOUND_JA),
  command(TASKLIST, ['/fo', 'csv', '/nh'], { stdout: fixture('tasklist_fo_csv_nh.txt') }),
  command(NETSH, ['wlan', 'show', 'interfaces'], { stdout: encodeCp932(fixtureText('netsh_wlan_show_interfaces.ja-JP.txt')) }),
  command(PNPUTIL, ['/enum-devices', '/connected', '/relations'], { stdout: encodeCp932(fixtureText('pnputil_enum-devices_relations.ja-JP.constructed.txt')) }),
]);

let dir: string;
let file: string;

beforeAll(() => {
  // The CLI runs from out/: build it (tsc emits even while another engineer's files have type errors).
  spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: repoRoot, stdio: 'ignore' });
  if (!existsSync(path.join(repoRoot, 'out/src/node/cli/main.js'))) throw new Error('npm run build produced no CLI');
  dir = mkdtempSync(path.join(tmpdir(), 'mamori-win-bundle-'));
  file = path.join(dir, 'bundle.json');
  writeFileSync(file, JSON.stringify(bundle));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Check = { id: string; status: string; findings: { kind: string; subject: { key: string; details: Record<string, unknown> } }[]; unknowns: { fact: string; reason: string }[] };

function check(): Check[] {
  const run = spawnSync(process.execPath, ['bin/mamori.js', 'check', '--bundle', file, '--json', '--policy', 'policies/example-policy.json'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(1); // findings present
  return (JSON.parse(run.stdout) as { checks: Check[] }).checks;
}

describe('mamori check --bundle on a Japanese Windows bundle', () => {
  it('the bundle really holds CP932 bytes (base64), as a Japanese console wrote them', () => {
    const netsh = bundle.records.find((r) => r.type === 'command' && r.file === NETSH);
    expect(netsh?.type === 'command' && netsh.stdout.encoding).toBe('base64');
  });

  it('庁内LAN-5G with WPA2-パーソナル fails the wpa2-enterprise minimum; screen lock passes; USB findings per serial', () => {
    const checks = check();
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));

    expect(byId.wifi!.status).toBe('fail');
    expect(byId.wifi!.findings.map((f) => [f.kind, f.subject.key, f.subject.details.security, f.subject.details.required])).toEqual([
      ['wifi-weak-security', '庁内LAN-5G', 'wpa2-personal', 'wpa2-enterprise'],
    ]);

    // Policy screen saver 900 s > 600 s limit: too slow; the session (locked/idle) is the tray app's to report.
    expect(byId['screen-lock']!.findings.map((f) => [f.kind, f.subject.details.actualSeconds])).toEqual([['screen-lock-too-slow', 900]]);
    expect(byId['screen-lock']!.unknowns.map((u) => [u.fact, u.reason])).toEqual([['screen-lock.session', 'not-supported']]);

    // Nothing in the Japanese inventory is denied by the example policy; the processes are read.
    expect(byId.software!.findings).toEqual([]);
    expect(byId.software!.unknowns).toEqual([]);

    // lend-001 matches by vendor, product, serial and class 08; the serial-less stick cannot be
    // proven to have "no serial" from a Windows-made ID, so lend-002 does not approve it.
    expect(byId.usb!.findings.map((f) => [f.kind, f.subject.details.vendorId, f.subject.details.serial])).toEqual([
      ['usb-approved-device', '0781', '4C530001230101114315'],
      ['usb-unapproved-device', '090c', null],
      ['usb-unapproved-device', '1d6b', 'FEEDC0DE0001'],
      ['usb-unapproved-device', '04e8', 'R58M12345AB'],
    ]);
  });
});
