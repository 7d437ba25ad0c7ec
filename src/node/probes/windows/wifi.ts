import type { WifiConnection } from '../../../shared/facts';
import type { Observed } from '../../../shared/observed';
import { known, unknown } from '../../../shared/observed';
import { decodeText } from '../../host/decode';
import type { Host } from '../../host/host';
import { commandProblem } from '../command';
import type { Probe } from '../probe';
import { parseNetshInterfaces } from './parse/netsh-wlan';
import { firstLineOf, outputLines } from './parse/text';
import { LOCATION_PERMISSION, NO_WIRELESS_INTERFACE } from './parse/wlan-vocabulary';
import { systemTool } from './system-tool';

/**
 * Wi-Fi from `netsh wlan show interfaces`, parsed here with an English/Japanese vocabulary.
 * Windows 11 24H2 gates WLAN information behind location permission: netsh then announces the
 * interface, prints a message with the ms-settings:privacy-location URI and lists nothing. That is
 * "unknown (location-permission)", never "not connected". The messages are recognised before the
 * exit code, which is non-zero for them.
 */
async function connections(host: Host): Promise<Observed<WifiConnection[]>> {
  const spec = { file: await systemTool(host, 'netsh.exe'), args: ['wlan', 'show', 'interfaces'] };
  const out = await host.run(spec);
  // Only netsh's own unindented message lines: an SSID is printed indented, and a network named
  // "ms-settings:privacy-location" must not turn its own finding into an unknown.
  const messages = outputLines(`${decodeText(out.stdout)}\n${decodeText(out.stderr)}`).filter((l) => /^\S/.test(l)).join('\n');
  if (out.error === undefined) {
    if (LOCATION_PERMISSION.test(messages)) return unknown('location-permission', `netsh: ${locationLine(messages)}`);
    if (NO_WIRELESS_INTERFACE.test(messages)) return unknown('no-wifi-adapter', `netsh: ${firstLineOf(messages)}`);
  }
  const why = commandProblem(spec, out);
  if (why) return why;
  const parsed = parseNetshInterfaces(decodeText(out.stdout));
  return parsed.ok ? known(parsed.connections) : unknown('unparseable-output', `netsh wlan show interfaces: ${parsed.problem}`);
}

/** The line of the message that names the permission, for the administrator. */
// Matches the English and Japanese message: parsing OS output, not text for users. i18n-exempt
const locationLine = (text: string) => outputLines(text).find((l) => /location|位置情報/i.test(l))?.trim().slice(0, 300) ?? 'ms-settings:privacy-location';

export const windowsWifiProbe: Probe<'wifi'> = {
  check: 'wifi',
  collect: async (host) => ({ connections: await connections(host) }),
};
