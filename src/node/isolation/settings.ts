import type { Policy } from '../../shared/policy/schema';
import type { IsolationSettings } from '../../shared/policy/isolation';

/**
 * The helper's inputs. The settings themselves are the policy field `reporting.isolation`, whose schema
 * lives in src/shared/policy/isolation.ts (re-exported here for the node side).
 */
export { IsolationAllow, IsolationSettings, ReleaseCodeHash } from '../../shared/policy/isolation';

/** A policy without `reporting.isolation`: only the reporting channels, no release code (only root releases). */
export const NO_ISOLATION_SETTINGS: IsolationSettings = { allow: [], dns: [] };

export type ReportingChannel = Policy['reporting']['channels'][number];

/** What isolation is built from: the policy's reporting channels and the isolation settings. */
export interface IsolationInputs {
  channels: readonly ReportingChannel[];
  settings: IsolationSettings;
  /** Where they came from, for the audit log and status (e.g. "/etc/mamori/policy.json rev 12"). */
  source: string;
  /** Problems met while reading the policy (unprotected, invalid, bad signature): reported, never ignored. */
  problems: string[];
}

/** The isolation settings of a (validated) policy; undefined when it has none. */
export function settingsInPolicy(policy: Policy): IsolationSettings | undefined {
  return policy.reporting.isolation;
}
