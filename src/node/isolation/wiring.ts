import path from 'node:path';
import type { Host } from '../host/host';
import { machinePolicyLocations } from '../policy/locations';
import { defaultPolicyFile, shippedTrustedKeysDir } from '../resources/paths';
import { loadTrustedKeys } from '../policy/trusted-keys';
import { systemResolver, type Resolver } from './allowlist';
import { NftFirewall } from './firewall';
import { readIsolationInputs, type InputFiles } from './inputs';
import { IsolationService } from './service';
import { AuditLog, DEFAULT_STATE_DIR, RULES_FILE, StateStore } from './state';
import { detectVpn } from './vpn';

export interface LinuxServiceOptions {
  host: Host;
  stateDir?: string;
  files?: Partial<InputFiles>;
  resolve?: Resolver;
  log?: (event: Record<string, unknown>) => void;
}

export function inputFiles(files: Partial<InputFiles> = {}): InputFiles {
  const machine = machinePolicyLocations('linux');
  return {
    policyFile: files.policyFile ?? machine.policyFile,
    lastGoodFile: files.lastGoodFile ?? machine.lastGoodFile,
    defaultFile: files.defaultFile ?? defaultPolicyFile(),
    requireProtected: files.requireProtected ?? true,
    ...(files.trust && { trust: files.trust }),
  };
}

/** The isolation service on Linux: nftables, state in the root-owned state folder, the machine policy. */
export function linuxIsolationService(options: LinuxServiceOptions): IsolationService {
  const stateDir = options.stateDir ?? DEFAULT_STATE_DIR;
  const files = inputFiles(options.files);
  return new IsolationService({
    firewall: new NftFirewall(options.host, path.join(stateDir, RULES_FILE)),
    store: new StateStore(stateDir),
    audit: new AuditLog(stateDir),
    // The same trust as the agent's: with trusted keys installed, only a signed policy is used.
    inputs: async () => {
      const { keys } = await loadTrustedKeys([shippedTrustedKeysDir(), machinePolicyLocations('linux').trustedKeysDir]);
      return readIsolationInputs({ ...files, trust: files.trust ?? { keys, now: new Date() } });
    },
    resolve: options.resolve ?? systemResolver,
    vpn: (ips) => detectVpn(options.host, ips),
    ...(options.log ? { log: options.log } : {}),
  });
}
