import type { Host } from '../host/host';
import { runText } from '../probes/command';

/**
 * Well-known SIDs (never account names: those are localised, e.g. "Administrators" is
 * "Administrators" on ja-JP but "Administratoren" on de-DE, and icacls resolves names in the OS language).
 */
export const SID = {
  system: 'S-1-5-18',
  administrators: 'S-1-5-32-544',
  /** Logons at the console or over Remote Desktop; not services, batch jobs or network (SMB) logons. */
  interactive: 'S-1-5-4',
  /** Every local and domain user of this PC (reads the accepted policy cache). */
  users: 'S-1-5-32-545',
} as const;

/** `(OI)(CI)` makes a folder's grant apply to what is created inside it; `F` full, `R` read, `RX` read and list. */
export type Grant = `${(typeof SID)[keyof typeof SID]}:${string}`;

/** icacls arguments that replace a path's ACL with exactly `grants`: inherited entries removed, SIDs only. */
export const icaclsArgs = (target: string, grants: readonly Grant[]): string[] => [target, '/inheritance:r', '/grant:r', ...grants.map((g) => `*${g}`)];

/** Sets the ACL (exit code only: icacls's messages are localised). Throws when it did not apply. */
export async function restrictAcl(host: Host, target: string, grants: readonly Grant[]): Promise<void> {
  const out = await runText(host, { file: 'icacls', args: icaclsArgs(target, grants), timeoutMs: 15_000 });
  if (!out.ok) throw new Error(`icacls ${target}: ${out.why.reason}${out.why.detail ? ` ${out.why.detail}` : ''}`);
}

/** Folders only SYSTEM and elevated administrators can open (state, helper secrets). */
export const ADMIN_ONLY_FOLDER: readonly Grant[] = [`${SID.system}:(OI)(CI)F`, `${SID.administrators}:(OI)(CI)F`];
