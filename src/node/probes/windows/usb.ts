import type { UsbDevice } from '../../../shared/facts';
import type { Observed } from '../../../shared/observed';
import { known, unknown } from '../../../shared/observed';
import type { Host } from '../../host/host';
import { decodeText } from '../../host/decode';
import { commandProblem } from '../command';
import type { Probe } from '../probe';
import { isPnputilUsage, parsePnputilDevices } from './parse/pnputil';
import { usbDevicesFromPnp } from './parse/usb-devices';
import { systemTool } from './system-tool';

/**
 * USB devices from pnputil rather than PowerShell (Get-PnpDevice / Win32_PnPEntity): pnputil ships
 * with Windows 10 1903 and later, needs no PowerShell (which hardened PCs block or run in
 * Constrained Language Mode) and with /relations gives the device tree, so a USBSTOR disk or a HID
 * interface is tied to the exact USB device it belongs to. node-usb cannot help here: it cannot
 * open a USB stick on Windows to read its serial (platform-notes §4.4).
 */
async function devices(host: Host): Promise<Observed<UsbDevice[]>> {
  const args = ['/enum-devices', '/connected', '/relations'];
  const spec = { file: await systemTool(host, 'pnputil.exe'), args, timeoutMs: 30_000 };
  const out = await host.run(spec);
  const stdout = decodeText(out.stdout);
  // An older pnputil answers flags it does not know with its usage text, whatever its exit code.
  if (out.error === undefined && isPnputilUsage(stdout)) return unknown('not-supported', 'pnputil /enum-devices /relations needs Windows 10 1903 or later');
  const why = commandProblem(spec, out);
  if (why) return why;
  const parsed = parsePnputilDevices(stdout);
  if (!parsed.ok) return unknown('unparseable-output', `pnputil ${args.join(' ')}: ${parsed.problem}`);
  // Every PC has connected devices (at least its root): none listed means output we cannot read.
  if (parsed.devices.length === 0) return unknown('unparseable-output', `pnputil ${args.join(' ')}: no device listed`);
  return known(usbDevicesFromPnp(parsed.devices));
}

export const windowsUsbProbe: Probe<'usb'> = {
  check: 'usb',
  collect: async (host) => ({ devices: await devices(host) }),
};
