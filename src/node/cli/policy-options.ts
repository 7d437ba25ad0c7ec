import type { Platform } from '../../shared/checks';
import { loadPolicy, readPolicyFile, type LoadedPolicy } from '../policy/loader';
import { machinePolicyLocations } from '../policy/locations';
import { defaultPolicyFile, shippedTrustedKeysDir } from '../resources/paths';
import { loadTrustedKeys } from '../policy/trusted-keys';
import type { PolicyProblem } from '../../shared/policy/parse';

/**
 * The policy a command runs under: --policy FILE when an administrator names one (its problems are
 * fatal: they asked for that file), else the machine policy with its fallbacks.
 */
export async function policyFor(platform: Platform, explicitFile: string | undefined): Promise<LoadedPolicy | { problems: PolicyProblem[] }> {
  if (explicitFile !== undefined) {
    const read = await readPolicyFile(explicitFile, { requireProtected: false });
    return read.ok ? { policy: read.policy, source: { kind: 'file', file: explicitFile }, problems: [] } : { problems: read.problems };
  }
  const machine = machinePolicyLocations(platform);
  const { keys } = await loadTrustedKeys([shippedTrustedKeysDir(), machine.trustedKeysDir]);
  return loadPolicy({ ...machine, defaultFile: defaultPolicyFile(), requireProtected: true, trust: { keys, now: new Date() } });
}
