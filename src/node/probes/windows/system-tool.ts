import type { Host } from '../../host/host';

const DEFAULT_SYSTEM_ROOT = 'C:\\Windows';
/** A drive-rooted path without characters Windows forbids in names; anything else is not trusted as SystemRoot. */
const PLAUSIBLE_ROOT = /^[A-Za-z]:\\[^"<>|?*\r\n]*[^\\"<>|?*\r\n]$/;

/**
 * The full path of a tool in System32 (reg.exe, netsh.exe, …). A bare name would be searched for in
 * the current directory and PATH first (libuv does so on Windows), where a user could place a
 * look-alike that prints a compliant answer. The path is part of each command's key in a support
 * bundle, so bundles from PCs with Windows outside C:\Windows still replay exactly.
 */
export async function systemTool(host: Host, exe: string): Promise<string> {
  const root = (await host.env('SystemRoot'))?.trim();
  return `${root !== undefined && PLAUSIBLE_ROOT.test(root) ? root : DEFAULT_SYSTEM_ROOT}\\System32\\${exe}`;
}
