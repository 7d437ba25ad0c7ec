import type { Policy } from '../../shared/policy/schema';
import { loadPolicy, type PolicyFiles } from './loader';
import type { PolicyTrust } from './policy-file';
import { PolicyUpdater, type PolicyUpdateResult, type UpdaterTimers } from './update';

export interface MachineUpdatesOptions {
  /** The machine policy files, with the cache folder the updates go to. */
  files: PolicyFiles & { updateCacheDir: string };
  trust: () => Promise<PolicyTrust>;
  /** Creates the cache folder: written by the helper only, readable by every user (platform.securePublicDir). */
  prepareCacheDir: (dir: string) => Promise<void>;
  log: (event: Record<string, unknown>) => void;
  /** How often the machine policy is read again, so that adding or changing `updates` needs no restart. */
  rereadMs?: number;
  timers?: UpdaterTimers;
  timeoutMs?: number;
}

export interface MachineUpdates {
  stop(): void;
  /** One check now (tests, and an administrator's restart). */
  checkNow(): Promise<PolicyUpdateResult | null>;
}

const describe = (result: PolicyUpdateResult | null): Record<string, unknown> => {
  if (result === null) return { result: 'no-updates-section' };
  switch (result.kind) {
    case 'updated':
      return { result: 'updated', revision: result.loaded.policy.revision };
    case 'failed':
      return { result: 'failed', code: result.code, problems: result.problems.map((p) => p.message.en) };
    default:
      return { result: result.kind };
  }
};

/**
 * Policy updates on the privileged helper (issue 7): the helper (root / SYSTEM) runs the updater at
 * the policy's `updates.intervalSeconds` and keeps each accepted update in the machine's cache
 * folder, which the agent's loader prefers when it verifies and is newer (loader.ts). Every attempt
 * is logged; a failure keeps the policy in force. The policy "in force" here is what the agent would
 * load, so the cache itself counts: an update must be newer than the last accepted one.
 */
export async function startMachinePolicyUpdates(options: MachineUpdatesOptions): Promise<MachineUpdates> {
  const { files, log } = options;
  const load = async () => (await loadPolicy({ ...files, trust: await options.trust() })).policy;
  let inForce: Policy = await load();
  let prepared = false;
  const updater = new PolicyUpdater({
    cacheDir: files.updateCacheDir,
    trust: options.trust,
    current: () => inForce,
    onNewPolicy: (loaded) => {
      inForce = loaded.policy;
    },
    onProblem: (code, problems) => log({ event: 'policy-update-problem', code, problems: problems.map((p) => p.message.en) }),
    onCheck: (result, source) => log({ event: 'policy-update', source, ...describe(result) }),
    ...(options.timers ? { timers: options.timers } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });

  let updating = false;
  /** Starts the updater when the policy names an update source, and stops it when it no longer does. */
  const follow = async () => {
    const wanted = inForce.updates !== undefined;
    if (wanted === updating) return;
    updating = wanted;
    if (!wanted) return updater.stop();
    if (!prepared) {
      await options.prepareCacheDir(files.updateCacheDir);
      prepared = true;
    }
    log({ event: 'policy-updates-started', source: inForce.updates!.source, intervalSeconds: inForce.updates!.intervalSeconds });
    await updater.start();
  };
  await follow();
  const reread = setInterval(
    () =>
      void load()
        .then(async (policy) => {
          if (policy.revision >= inForce.revision) inForce = policy;
          await follow();
        })
        .catch((e: unknown) => log({ event: 'policy-reread-failed', error: String(e) })),
    options.rereadMs ?? 300_000,
  );
  reread.unref();
  return {
    stop: () => {
      clearInterval(reread);
      updater.stop();
    },
    checkNow: () => updater.checkNow(),
  };
}
