import { describe, expect, it } from 'vitest';
import { Facts } from '../../../../src/shared/facts';
import type { BundleRecord } from '../../../../src/node/host/bundle-format';
import { windowsProbes } from '../../../../src/node/probes/windows';
import type { Answer } from './support/bundle';
import { mutate, prng } from '../../../support/fuzz';
import { command, fixture, NETSH, PNPUTIL, POWERCFG, REG, replay, TASKLIST } from './support/bundle';

/**
 * Random and mutated outputs (cut, bytes flipped, lines repeated or dropped) thrown at every Windows
 * probe: no exception escapes and every answer is a valid fact or an explicit unknown. Seeded, so a
 * failure reproduces.
 */
const SOURCES: [string, string[], string][] = [
  [REG, ['query', 'HKCU\\Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop'], 'reg_query_screensaver_policy.SYNTHETIC.txt'],
  [REG, ['query', 'HKCU\\Control Panel\\Desktop'], 'reg_query_screensaver_policy.SYNTHETIC.txt'],
  [REG, ['query', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System'], 'reg_query_inactivitytimeout.SYNTHETIC.txt'],
  [REG, ['query', 'HKLM\\Software\\Policies\\Microsoft\\Power\\PowerSettings\\0e796bdb-100d-47d6-a2d5-f7d2daa51f51'], 'reg_query_inactivitytimeout.SYNTHETIC.txt'],
  [POWERCFG, ['/qh', 'SCHEME_CURRENT', 'SUB_NONE', 'CONSOLELOCK'], 'powercfg_qh_consolelock.en-US.txt'],
  [POWERCFG, ['/q', 'SCHEME_CURRENT', 'SUB_VIDEO', 'VIDEOIDLE'], 'powercfg_q_videoidle.es-ES.partial.txt'],
  [REG, ['query', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall', '/s'], 'reg_query_uninstall_s.txt'],
  [REG, ['query', 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall', '/s'], 'reg_query_uninstall_s.ja-JP.constructed.txt'],
  [REG, ['query', 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall', '/s'], 'reg_query_uninstall_s.txt'],
  [TASKLIST, ['/fo', 'csv', '/nh'], 'tasklist_fo_csv_nh.txt'],
  [NETSH, ['wlan', 'show', 'interfaces'], 'netsh_wlan_show_interfaces.ja-JP.txt'],
  [PNPUTIL, ['/enum-devices', '/connected', '/relations'], 'pnputil_enum-devices_relations.ja-JP.constructed.txt'],
];

describe('Windows probes under random and mutated output', () => {
  it('never throw, and answer valid facts or unknowns', async () => {
    const rnd = prng(20261126);
    for (let round = 0; round < 150; round++) {
      const records: BundleRecord[] = SOURCES.map(([file, args, name]) => {
        const answer: Answer = { stdout: mutate(fixture(name), rnd), exitCode: rnd() < 0.85 ? 0 : Math.floor(rnd() * 3) };
        return command(file, args, answer);
      });
      const host = replay(records);
      const facts = {
        'screen-lock': await windowsProbes['screen-lock'].collect(host),
        software: await windowsProbes.software.collect(host),
        usb: await windowsProbes.usb.collect(host),
        wifi: await windowsProbes.wifi.collect(host),
      };
      const parsed = Facts.safeParse(facts);
      expect(parsed.success, `round ${round}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues[0])}`).toBe(true);
    }
  });
});
