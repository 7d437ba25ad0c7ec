import path from 'node:path';
import { LinuxSocketChannel } from './channel-linux';
import { fixedConsoleUsers, loginctlConsoleUsers } from './console-user';
import { NftFirewall } from './firewall';
import type { HelperPlatform } from './platform';
import { ensurePublicDir, isRoot } from './posix-dirs';
import { DEFAULT_SOCKET_PATH } from './protocol';
import { HELPER_ACTOR } from './service';
import { DEFAULT_STATE_DIR, ensureStateDir, RULES_FILE } from './state';
import { linuxRoutes } from './vpn';

/** Linux: nftables, one unix socket with the peer's uid from the kernel, systemd (build/linux/). */
export const linuxPlatform: HelperPlatform = {
  os: 'linux',
  stateDir: DEFAULT_STATE_DIR,
  self: HELPER_ACTOR,
  firewall: (host, stateDir) => new NftFirewall(host, path.join(stateDir, RULES_FILE)),
  secureStateDir: (_host, dir) => ensureStateDir(dir),
  securePublicDir: (_host, dir) => ensurePublicDir(dir),
  isAdmin: isRoot,
  channel: (s) =>
    new LinuxSocketChannel({
      socketPath: s.socketPath ?? DEFAULT_SOCKET_PATH,
      host: s.host,
      consoleUsers: s.consoleUids && s.consoleUids.length > 0 ? fixedConsoleUsers(s.consoleUids) : loginctlConsoleUsers(s.host),
      log: s.log,
    }),
  routes: linuxRoutes,
};
