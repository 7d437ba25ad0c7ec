import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/shared/findings';
import { recordLatency } from './harness/latency';
import { checked, cleared, MamoriWatcher, raised, type WatchEvent } from './harness/mamori-watcher';
import { GuestVm } from './harness/vm';
import { e2ePolicy } from './policies';

/**
 * Wi-Fi in the guest: mac80211_hwsim radios, hostapd as the access point (in its own network
 * namespace), wpa_supplicant as the PC's station; Mamori reads the connection through systeminformation
 * (iw + wpa_cli), every policy interval. Guest side: guest/rootfs/etc/e2e/wifi.sh.
 */
const WIFI_SECONDS = 5; // the policy's minimum
const TARGET = `association → finding ≤ ${WIFI_SECONDS + 1} s (interval + 1 s)`;
const ssidIs = (ssid: string) => (f: Finding) => f.subject.details.ssid === ssid;

describe('Wi-Fi networks joined in the guest (mac80211_hwsim, hostapd, wpa_supplicant)', () => {
  let vm: GuestVm;
  let watcher: MamoriWatcher;

  /** Serves `conf` from the access point and joins it; the host time the association was seen. */
  async function join(conf: string, ssid: string, psk?: string): Promise<number> {
    const from = vm.console.cursor;
    await vm.exec.check(`/etc/e2e/wifi.sh ap ${conf} && /etc/e2e/wifi.sh watch ${ssid} && /etc/e2e/wifi.sh join ${ssid} ${psk ?? ''}`);
    const { line } = await vm.console.waitFor(new RegExp(`^E2E ASSOCIATED ${ssid}$`), { from, timeoutMs: 30_000, what: `association with ${ssid}` });
    return line.at;
  }

  beforeAll(async () => {
    vm = await GuestVm.boot(['wifi']);
    watcher = await MamoriWatcher.start(vm, e2ePolicy({ wifiSeconds: WIFI_SECONDS }), ['wifi']);
  });

  afterAll(async () => {
    await vm?.quit();
  });

  let openFinding: Finding | undefined;

  it('joining the open network "Guest-Free-WiFi": a violation with the 2章-1 and 4章-7 guidance', async ({ task }) => {
    const from = watcher.cursor;
    const associated = await join('hostapd-open.conf', 'Guest-Free-WiFi');
    const violation = await watcher.next(raised('wifi-open-network', ssidIs('Guest-Free-WiFi')), { from, timeoutMs: 30_000, what: 'the open-network violation' });
    recordLatency(task, { what: 'Wi-Fi association → violation (open network)', ms: violation.at - associated, target: TARGET });
    if (violation.event.event !== 'raised') throw new Error('unreachable');
    openFinding = violation.event.finding;
    expect(openFinding).toMatchObject({
      severity: 'violation',
      guidance: ['2章-1', '4章-7'],
      rule: { id: 'wifi.forbidOpenNetworks' },
      subject: { label: 'Guest-Free-WiFi', details: { security: 'open', bssid: '02:00:00:00:00:00', interface: 'wlan1' } },
    });
  });

  it('switching to the approved WPA2 network "Corp-WiFi": the violation clears and nothing is raised', async ({ task }) => {
    expect(openFinding, 'needs the open-network test before it').toBeDefined();
    const from = watcher.cursor;
    const associated = await join('hostapd-wpa2.conf', 'Corp-WiFi', 'correcthorse');
    // The first check after the association (a check while disconnected passes too): passing, with nothing
    // left of the open network.
    const passing = (e: WatchEvent) => checked('wifi')(e) && e.event === 'checked' && e.status === 'pass';
    const pass = await watcher.next(passing, { from: watcher.cursorAfter(associated), timeoutMs: 30_000, what: 'a passing Wi-Fi check' });
    recordLatency(task, { what: 'Wi-Fi association → check passes (approved WPA2)', ms: pass.at - associated, target: TARGET });
    const events: WatchEvent[] = watcher.since(from);
    expect(events.filter(cleared(openFinding!.id))).toHaveLength(1);
    expect(events.filter((e) => e.event === 'raised')).toEqual([]);
  });

  it('an approved SSID served with weaker security than the policy requires (WPA1 where WPA2 is required): a violation', async ({ task }) => {
    const from = watcher.cursor;
    const associated = await join('hostapd-wpa1.conf', 'Lab-WiFi', 'correcthorse');
    const violation = await watcher.next(raised('wifi-weak-security', ssidIs('Lab-WiFi')), { from, timeoutMs: 30_000, what: 'the weak-security violation' });
    recordLatency(task, { what: 'Wi-Fi association → violation (weak security)', ms: violation.at - associated, target: TARGET });
    expect(violation.event).toMatchObject({
      finding: { severity: 'violation', guidance: ['2章-1', '4章-7'], rule: { id: 'wifi.minimumSecurity' }, subject: { details: { security: 'wpa-personal', required: 'wpa2-personal' } } },
    });
  });
});
