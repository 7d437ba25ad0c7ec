import path from 'node:path';
import type { Platform } from '../../shared/checks';
import { windowsMamoriDir } from '../resources/program-data';

/** The machine-wide places the policy lives, per OS: written by administrators, read-only for staff. */
export interface PolicyLocations {
  policyFile: string;
  /** A copy of the last policy that loaded, kept so that a broken update does not leave the PC unguarded. */
  lastGoodFile: string;
  /** Public keys (*.pub) whose policy signatures this PC accepts. */
  trustedKeysDir: string;
  /**
   * The accepted policy update (update-cache.ts): written by the privileged helper only, read by
   * the agent, which uses it when it verifies and is newer than the policy file.
   */
  updateCacheDir: string;
}

export function machinePolicyLocations(platform: Platform, env: NodeJS.ProcessEnv = process.env): PolicyLocations {
  switch (platform) {
    case 'win32': {
      const base = windowsMamoriDir(env);
      return {
        policyFile: path.win32.join(base, 'policy.json'),
        lastGoodFile: path.win32.join(base, 'state', 'policy.last-good.json'),
        trustedKeysDir: path.win32.join(base, 'trusted-keys'),
        updateCacheDir: path.win32.join(base, 'policy-cache'),
      };
    }
    case 'darwin': {
      const base = '/Library/Application Support/Mamori';
      return {
        policyFile: `${base}/policy.json`,
        lastGoodFile: `${base}/state/policy.last-good.json`,
        trustedKeysDir: `${base}/trusted-keys`,
        updateCacheDir: `${base}/policy-cache`,
      };
    }
    case 'linux':
      return {
        policyFile: '/etc/mamori/policy.json',
        lastGoodFile: '/var/lib/mamori/policy.last-good.json',
        trustedKeysDir: '/etc/mamori/trusted-keys',
        updateCacheDir: '/var/lib/mamori/policy-cache',
      };
  }
}
