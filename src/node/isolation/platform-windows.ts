import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { runText } from '../probes/command';
import { windowsMamoriDir } from '../resources/program-data';
import { TokenChannel } from './channel-token';
import { windowsHelperDir } from './connect';
import { windowsConsoleUser } from './console-user';
import type { HelperPlatform } from './platform';
import { windowsRoutes } from './vpn-windows';
import { NetshFirewall } from './windows-firewall';
import { ADMIN_ONLY_FOLDER, restrictAcl, SID } from './windows-acl';

export const windowsStateDir = (env: NodeJS.ProcessEnv = process.env) => path.win32.join(windowsMamoriDir(env), 'state', 'isolation');
export const NETSH_RECORD_FILE = 'firewall-profiles.json';

/** Language-independent: a role check, not a group name. */
const IS_ELEVATED = '([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)';

/** Windows: netsh advfirewall, loopback TCP with token files, a SYSTEM scheduled task (build/win/). */
export const windowsPlatform: HelperPlatform = {
  os: 'win32',
  // Looked up when used: every helper loads this module, and the lookup reads the installer's machine.ini.
  get stateDir() {
    return windowsStateDir();
  },
  self: { user: 'SYSTEM', via: 'helper' },
  firewall: (host, stateDir, log) => new NetshFirewall(host, path.win32.join(stateDir, NETSH_RECORD_FILE), log),
  secureStateDir: async (host, dir) => {
    await mkdir(dir, { recursive: true });
    await restrictAcl(host, dir, ADMIN_ONLY_FOLDER);
  },
  securePublicDir: async (host, dir) => {
    await mkdir(dir, { recursive: true });
    await restrictAcl(host, dir, [...ADMIN_ONLY_FOLDER, `${SID.users}:(OI)(CI)RX`]);
  },
  isAdmin: async (host) => {
    const out = await runText(host, { file: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-Command', IS_ELEVATED], timeoutMs: 15_000 });
    return out.ok && out.stdout.trim() === 'True';
  },
  channel: (s) => new TokenChannel({ dir: s.tokenDir ?? windowsHelperDir(), host: s.host, consoleUser: windowsConsoleUser(s.host) }),
  routes: windowsRoutes,
};
