import type { Platform } from '../../shared/checks';
import type { Host } from '../host/host';
import type { HelperChannel } from './channel';
import type { Firewall } from './firewall';
import type { Actor } from './state';
import type { RouteLookup } from './vpn';

/** Overrides from the command line (tests, unusual installs); each OS uses the ones that apply to it. */
export interface ChannelSettings {
  host: Host;
  log: (event: Record<string, unknown>) => void;
  /** Linux, macOS: the console user's socket. */
  socketPath?: string;
  /** macOS: root's socket. */
  adminSocketPath?: string;
  /** Windows: the folder of the token files. */
  tokenDir?: string;
  /** Linux: fixed console users instead of logind (kiosks, tests). */
  consoleUids?: number[];
}

/**
 * What differs per OS for the privileged helper; everything else (service.ts, helper.ts, the
 * protocol, the audit log, policy updates) is one code path. See platform-{linux,mac,windows}.ts.
 */
export interface HelperPlatform {
  readonly os: Platform;
  /** The isolation state and audit log: administrators only. */
  readonly stateDir: string;
  /** The helper itself in the audit log (re-applying at start, the watchdog). */
  readonly self: Actor;
  firewall(host: Host, stateDir: string, log: (event: Record<string, unknown>) => void): Firewall;
  /** Creates the state folder if needed and makes sure only administrators can open it. */
  secureStateDir(host: Host, dir: string): Promise<void>;
  /** Creates a folder only the helper writes and every user reads (the accepted policy update). */
  securePublicDir(host: Host, dir: string): Promise<void>;
  /** Whether this process may act as an administrator (root; an elevated Windows administrator). */
  isAdmin(host: Host): Promise<boolean>;
  channel(settings: ChannelSettings): HelperChannel;
  /** The OS's route lookup, for the full-tunnel VPN warning (vpn.ts). */
  routes(host: Host): RouteLookup;
}
