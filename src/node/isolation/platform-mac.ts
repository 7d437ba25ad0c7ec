import path from 'node:path';
import { MacSocketChannel } from './channel-mac';
import { MAC_ADMIN_SOCKET, MAC_SOCKET } from './connect';
import { devConsoleUser } from './console-user';
import { PfFirewall } from './pf-firewall';
import { PF_RULES_FILE } from './pf';
import type { HelperPlatform } from './platform';
import { ensurePublicDir, isRoot } from './posix-dirs';
import { HELPER_ACTOR } from './service';
import { ensureStateDir } from './state';
import { macRoutes } from './vpn-mac';

export const MAC_STATE_DIR = '/Library/Application Support/Mamori/state/isolation';
export const PF_RECORD_FILE = 'pf-token.json';

/** macOS: pf, two unix sockets whose file permissions say who connects, launchd (build/mac/). */
export const macPlatform: HelperPlatform = {
  os: 'darwin',
  stateDir: MAC_STATE_DIR,
  self: HELPER_ACTOR,
  firewall: (host, stateDir, log) => new PfFirewall(host, path.join(stateDir, PF_RULES_FILE), path.join(stateDir, PF_RECORD_FILE), log),
  secureStateDir: (_host, dir) => ensureStateDir(dir),
  securePublicDir: (_host, dir) => ensurePublicDir(dir),
  isAdmin: isRoot,
  channel: (s) =>
    new MacSocketChannel({
      socketPath: s.socketPath ?? MAC_SOCKET,
      adminSocketPath: s.adminSocketPath ?? MAC_ADMIN_SOCKET,
      host: s.host,
      consoleUser: devConsoleUser(s.host),
      log: s.log,
    }),
  routes: macRoutes,
};
