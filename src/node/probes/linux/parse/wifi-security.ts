import type { WifiSecurity } from '../../../../shared/facts';
import type { Observed } from '../../../../shared/observed';
import { known, unknown } from '../../../../shared/observed';

/**
 * What systeminformation 5.33 reports as `security` of a Linux Wi-Fi connection (lib/wifi.js,
 * wifiConnections): NetworkManager's `802-11-wireless-security.key-mgmt` of the active profile when
 * nmcli works, else wpa_supplicant's `key_mgmt` from `wpa_cli status`, else null. The two spell
 * things differently, and case matters: NetworkManager's lower-case `none` is static WEP (open
 * networks have no wireless-security setting at all), wpa_cli's upper-case `NONE` is open or WEP.
 *
 * Some values do not fix the WPA generation: NetworkManager's `wpa-psk` / `wpa-eap` allow WPA and
 * WPA2 alike ("proto": empty = both). Those are decided by what the access point advertises (si
 * wifiNetworks: nmcli's SECURITY tokens `WPA1`/`WPA2`/`WEP`, or `WPA`/`WPA2` from iwlist);
 * wpa_supplicant prefers RSN (WPA2) whenever the AP offers it.
 */
type Meaning = WifiSecurity | 'wpa-or-wpa2-personal' | 'wpa-or-wpa2-enterprise' | 'open-or-wep';

const KEY_MGMT: Readonly<Record<string, Meaning>> = {
  // NetworkManager key-mgmt (libnm nm-setting-wireless-security.c)
  none: 'wep',
  ieee8021x: 'wep', // dynamic WEP
  'wpa-psk': 'wpa-or-wpa2-personal',
  'wpa-eap': 'wpa-or-wpa2-enterprise',
  sae: 'wpa3-personal',
  owe: 'owe',
  'wpa-eap-suite-b-192': 'wpa3-enterprise',
  // wpa_supplicant wpa_key_mgmt_txt() (hostap src/common/wpa_common.c)
  NONE: 'open-or-wep',
  'IEEE 802.1X (no WPA)': 'wep',
  'WPA-PSK': 'wpa-personal',
  'WPA2-PSK+WPA-PSK': 'wpa-personal', // both protocols allowed: count the weaker
  'WPA2-PSK': 'wpa2-personal',
  'WPA2-PSK-SHA256': 'wpa2-personal',
  'FT-PSK': 'wpa2-personal',
  'WPA/IEEE 802.1X/EAP': 'wpa-enterprise',
  'WPA2+WPA/IEEE 802.1X/EAP': 'wpa-enterprise',
  'WPA2/IEEE 802.1X/EAP': 'wpa2-enterprise',
  'WPA2-EAP-SHA256': 'wpa2-enterprise', // also WPA3-Enterprise "only" mode: reported as the weaker, never the stronger
  'FT-EAP': 'wpa2-enterprise',
  SAE: 'wpa3-personal',
  'FT-SAE': 'wpa3-personal',
  'SAE-EXT-KEY': 'wpa3-personal',
  'FT-SAE-EXT-KEY': 'wpa3-personal',
  'WPA2-EAP-SUITE-B-192': 'wpa3-enterprise',
  OWE: 'owe',
  // Deliberately absent (→ unknown): WPA-NONE (ad-hoc), WPS, OSEN, FILS-*, DPP, UNKNOWN.
};

const AMBIGUOUS: ReadonlySet<Meaning> = new Set(['wpa-or-wpa2-personal', 'wpa-or-wpa2-enterprise', 'open-or-wep']);
const meaningOf = (keyMgmt: string): Meaning | undefined => (Object.hasOwn(KEY_MGMT, keyMgmt.trim()) ? KEY_MGMT[keyMgmt.trim()] : undefined);

/** Whether this key management needs the access point's advertised security to be decided (worth a scan). */
export function needsAdvertisedSecurity(keyMgmt: unknown): boolean {
  const meaning = typeof keyMgmt === 'string' ? meaningOf(keyMgmt) : undefined;
  return meaning !== undefined && AMBIGUOUS.has(meaning);
}

/** The security tokens one access point advertises in a scan; null when the AP was not in the scan. */
export type AdvertisedSecurity = readonly string[] | null;

/** The connection's security, from its key management and, where that is ambiguous, what the AP advertises. */
export function wifiSecurityOf(keyMgmt: unknown, advertised: AdvertisedSecurity): Observed<WifiSecurity> {
  if (typeof keyMgmt !== 'string' || keyMgmt.trim() === '') {
    return unknown('unparseable-output', 'systeminformation reported no key management for the connection');
  }
  const meaning = meaningOf(keyMgmt);
  if (meaning === undefined) return unknown('unparseable-output', `unknown Wi-Fi key management: ${keyMgmt.slice(0, 100)}`);

  const ap = new Set(advertised ?? []);
  const wpa2 = ap.has('WPA2');
  const wpa1 = ap.has('WPA1') || ap.has('WPA');
  switch (meaning) {
    case 'open-or-wep':
      // Both are below any sensible minimum; when the AP does not say WEP, report the weaker of the two.
      return known(ap.has('WEP') ? 'wep' : 'open');
    case 'wpa-or-wpa2-personal':
    case 'wpa-or-wpa2-enterprise': {
      const personal = meaning === 'wpa-or-wpa2-personal';
      if (wpa2) return known(personal ? 'wpa2-personal' : 'wpa2-enterprise');
      if (wpa1) return known(personal ? 'wpa-personal' : 'wpa-enterprise');
      return unknown('unparseable-output', `${keyMgmt} allows WPA or WPA2 and the access point's advertised security is not known`);
    }
    default:
      return known(meaning);
  }
}
