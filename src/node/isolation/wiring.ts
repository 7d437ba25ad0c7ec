import type { Platform } from '../../shared/checks';
import type { Host } from '../host/host';
import { machinePolicyLocations } from '../policy/locations';
import type { PolicyTrust } from '../policy/loader';
import { loadTrustedKeys } from '../policy/trusted-keys';
import { defaultPolicyFile, shippedTrustedKeysDir } from '../resources/paths';
import { systemResolver, type Resolver } from './allowlist';
import { readIsolationInputs, type InputFiles } from './inputs';
import type { HelperPlatform } from './platform';
import { linuxPlatform } from './platform-linux';
import { macPlatform } from './platform-mac';
import { windowsPlatform } from './platform-windows';
import { IsolationService } from './service';
import { AuditLog, StateStore } from './state';
import { detectVpn } from './vpn';

export function helperPlatform(os: Platform): HelperPlatform {
  switch (os) {
    case 'linux':
      return linuxPlatform;
    case 'darwin':
      return macPlatform;
    case 'win32':
      return windowsPlatform;
  }
}

/** The machine policy files of this OS (with the accepted update's cache), overridable for tests. */
export function inputFiles(os: Platform, files: Partial<InputFiles> = {}): InputFiles {
  const machine = machinePolicyLocations(os);
  return {
    policyFile: files.policyFile ?? machine.policyFile,
    lastGoodFile: files.lastGoodFile ?? machine.lastGoodFile,
    defaultFile: files.defaultFile ?? defaultPolicyFile(),
    updateCacheDir: files.updateCacheDir ?? machine.updateCacheDir,
    requireProtected: files.requireProtected ?? true,
    ...(files.trust && { trust: files.trust }),
  };
}

/** The trusted keys now, as the agent has them: with keys installed, only a signed policy is used. */
export async function machineTrust(os: Platform): Promise<PolicyTrust> {
  const { keys } = await loadTrustedKeys([shippedTrustedKeysDir(), machinePolicyLocations(os).trustedKeysDir]);
  return { keys, now: new Date() };
}

export interface ServiceOptions {
  host: Host;
  stateDir?: string;
  files?: Partial<InputFiles>;
  resolve?: Resolver;
  log?: (event: Record<string, unknown>) => void;
}

/** The isolation service of an OS: its firewall, the state folder, the machine policy read by the helper itself. */
export function isolationService(platform: HelperPlatform, options: ServiceOptions): IsolationService {
  const stateDir = options.stateDir ?? platform.stateDir;
  const files = inputFiles(platform.os, options.files);
  const log = options.log ?? (() => undefined);
  return new IsolationService({
    firewall: platform.firewall(options.host, stateDir, log),
    store: new StateStore(stateDir),
    audit: new AuditLog(stateDir),
    inputs: async () => readIsolationInputs({ ...files, trust: files.trust ?? (await machineTrust(platform.os)) }),
    resolve: options.resolve ?? systemResolver,
    vpn: (ips) => detectVpn(platform.routes(options.host), ips),
    self: platform.self,
    log,
  });
}
