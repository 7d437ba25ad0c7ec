// i18n-exempt-file: the words Japanese netsh prints, for parsing its output; no text for users.
import type { WifiSecurity } from '../../../../shared/facts';

/**
 * What `netsh wlan show interfaces` prints, in English and Japanese. netsh localizes labels and
 * values alike (systeminformation reads only English/French/German labels and so returns
 * security = null on Japanese Windows). Japanese strings are from the ja-JP fixture
 * (`netsh_wlan_show_interfaces.ja-JP.txt`); those marked (verify) are not yet seen on a device.
 */
export const FIELD_LABELS = {
  name: ['Name', '名前'],
  state: ['State', '状態'],
  ssid: ['SSID'],
  bssid: ['BSSID', 'AP BSSID'], // Windows 11 prints "AP BSSID"
  authentication: ['Authentication', '認証'],
  cipher: ['Cipher', '暗号'],
} as const;
export type Field = keyof typeof FIELD_LABELS;

/** WLAN_INTERFACE_STATE as netsh prints it: only "connected" is an association. */
export const CONNECTED_STATES = new Set(['connected', '接続されました']);
export const NOT_CONNECTED_STATES = new Set([
  'disconnected',
  '切断されました', // (verify)
  'disconnecting',
  'associating',
  'authenticating',
  'discovering',
  'not ready',
  'ad hoc network formed',
]);

type AuthMeaning = WifiSecurity | 'open-or-wep';

/** The Authentication line, lower-cased. "Open" says nothing about encryption: the Cipher line decides. */
const AUTHENTICATION: Record<string, AuthMeaning> = {
  open: 'open-or-wep',
  'オープン': 'open-or-wep',
  shared: 'wep', // shared-key authentication exists only with WEP
  '共有': 'wep', // (verify)
  owe: 'owe',
  'wpa-personal': 'wpa-personal',
  'wpa-パーソナル': 'wpa-personal',
  'wpa-enterprise': 'wpa-enterprise',
  'wpa-エンタープライズ': 'wpa-enterprise',
  'wpa2-personal': 'wpa2-personal',
  'wpa2-パーソナル': 'wpa2-personal',
  'wpa2-enterprise': 'wpa2-enterprise',
  'wpa2-エンタープライズ': 'wpa2-enterprise',
  'wpa3-personal': 'wpa3-personal',
  'wpa3-パーソナル': 'wpa3-personal',
  'wpa3-enterprise': 'wpa3-enterprise',
  'wpa3-エンタープライズ': 'wpa3-enterprise',
  'wpa3-enterprise 192 bits': 'wpa3-enterprise',
};

const NO_CIPHER = new Set(['none', 'なし']); // なし: (verify)

/** The security of a connection, or null when the pair is not one we know (then it stays unknown, never guessed). */
export function securityOf(authentication: string, cipher: string | undefined): WifiSecurity | null {
  const meaning = AUTHENTICATION[authentication.trim().toLowerCase()];
  if (meaning === undefined) return null;
  if (meaning !== 'open-or-wep') return meaning;
  const c = cipher?.trim().toLowerCase();
  if (c === 'wep') return 'wep';
  if (c !== undefined && NO_CIPHER.has(c)) return 'open';
  return null;
}

/** Whole-output messages. The location one is matched by its settings URI, which netsh prints untranslated. */
export const LOCATION_PERMISSION = /ms-settings:privacy-location/;
export const NO_WIRELESS_INTERFACE = /There is no wireless interface on the system|システムにワイヤレス インターフェイスがありません/; // ja: (verify)
