import { stat } from 'node:fs/promises';
import path from 'node:path';
import { listAcl, writingAclEntries } from './macos-acl';

/**
 * A policy governs the user who runs the agent, so that user must not be able to change it.
 * On POSIX: the file and its folder belong to root and are not writable by group or others (on Linux
 * that covers POSIX ACLs: a named entry that may write needs the ACL mask, shown as the group bits);
 * on macOS also no ACL entry allows anyone to write (macos-acl.ts). On Windows the ACL is set by the installer
 * (ProgramData\Mamori: Administrators and SYSTEM only) and signed policies (see docs) make tampering
 * detectable; reading Windows ACLs needs a native call we do not make here.
 * Returns null when protected, else why not. `aclOf` is for tests: the real one runs `ls -lde`.
 */
export async function unprotectedReason(file: string, platform: NodeJS.Platform = process.platform, aclOf: (target: string) => Promise<string> = listAcl): Promise<string | null> {
  if (platform === 'win32') return null;
  for (const target of [file, path.dirname(file)]) {
    const s = await stat(target);
    if (s.uid !== 0) return `${target}: owner uid ${s.uid}, not root`;
    if ((s.mode & 0o022) !== 0) return `${target}: mode ${(s.mode & 0o777).toString(8)} lets others write`;
    if (platform === 'darwin') {
      const entries = writingAclEntries(await aclOf(target));
      if (entries.length > 0) return `${target}: ACL entry lets others write: ${entries.join('; ')}`;
    }
  }
  return null;
}
