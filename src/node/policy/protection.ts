import { stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * A policy governs the user who runs the agent, so that user must not be able to change it.
 * On POSIX: the file and its folder belong to root and are not writable by group or others.
 * On Windows the ACL is set by the installer (ProgramData\Mamori: Administrators and SYSTEM only)
 * and signed policies (see docs) make tampering detectable; reading ACLs needs a native call we do not make here.
 * Returns null when protected, else why not.
 */
export async function unprotectedReason(file: string, platform: NodeJS.Platform = process.platform): Promise<string | null> {
  if (platform === 'win32') return null;
  for (const target of [file, path.dirname(file)]) {
    const s = await stat(target);
    if (s.uid !== 0) return `${target}: owner uid ${s.uid}, not root`;
    if ((s.mode & 0o022) !== 0) return `${target}: mode ${(s.mode & 0o777).toString(8)} lets others write`;
  }
  return null;
}
