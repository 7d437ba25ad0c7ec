import type { WifiSecurity } from '../../../../shared/facts';
import type { Observed } from '../../../../shared/observed';
import { known, unknown } from '../../../../shared/observed';

/**
 * `spairport_security_mode` of system_profiler SPAirPortDataType, without its prefix. Seen in real
 * captures (test/fixtures/README.md): none, wpa2_personal, wpa3_personal, wpa3_transition. The
 * others are the values public parsers map (systeminformation lib/wifi.js and others); not yet
 * confirmed on a device. Mixed and transition modes admit the older protocol, so they count as
 * the weaker one: an attacker can use it. Anything else stays unknown.
 */
const SECURITY_MODES: Readonly<Record<string, WifiSecurity>> = {
  none: 'open',
  wep: 'wep',
  wpa_personal: 'wpa-personal',
  wpa_personal_mixed: 'wpa-personal', // WPA/WPA2
  wpa2_personal: 'wpa2-personal',
  wpa3_transition: 'wpa2-personal', // WPA2/WPA3
  wpa3_personal: 'wpa3-personal',
  wpa_enterprise: 'wpa-enterprise',
  wpa_enterprise_mixed: 'wpa-enterprise', // WPA/WPA2
  wpa2_enterprise: 'wpa2-enterprise',
  wpa3_enterprise: 'wpa3-enterprise',
};

// Apple's own output drops the leading "s" on some values ("pairport_security_mode_wpa3_transition",
// in a real macOS capture); both spellings mean the same.
const PREFIX = /^s?pairport_security_mode_/;

/** The security of a connection from its spairport_security_mode. */
export function wifiSecurityFrom(mode: string | null): Observed<WifiSecurity> {
  if (mode === null) return unknown('unparseable-output', 'system_profiler reports no security mode for the connection');
  const key = PREFIX.test(mode) ? mode.replace(PREFIX, '') : null;
  if (key !== null && Object.hasOwn(SECURITY_MODES, key)) return known(SECURITY_MODES[key]!);
  return unknown('unparseable-output', `unknown Wi-Fi security mode: ${mode.slice(0, 100)}`);
}
