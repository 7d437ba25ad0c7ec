import { execFile } from 'node:child_process';

/**
 * macOS access control lists. Owner and mode bits (protection.ts) do not tell the whole story on a
 * Mac: `chmod +a "user:tanaka allow write"` lets that user change a root-owned 0644 file, and Node's
 * stat() does not show ACLs. `ls -lde` prints them, one entry a line after the mode line
 * (` 0: group:everyone deny delete`), in the same words `chmod +a` takes.
 */

/** Permissions that change a file or what a folder holds, or who may: any of them allowed to anyone is a way in. */
const WRITING = new Set([
  'write', 'append', 'delete', 'add_file', 'add_subdirectory', 'delete_child',
  'writeattr', 'writeextattr', 'writesecurity', 'chown',
]);

/** The ACL entries of `ls -lde` output that allow writing, as printed; [] when there are none. */
export function writingAclEntries(lsOutput: string): string[] {
  return lsOutput
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => {
      const m = /^\d+: \S+ (?:inherited )?allow (\S+)/.exec(line);
      return m !== null && m[1]!.split(',').some((permission) => WRITING.has(permission));
    });
}

/** `ls -lde TARGET`: the mode line and the ACL entries of the file or folder itself. */
export function listAcl(target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/bin/ls', ['-lde', target], { timeout: 5_000, env: { LC_ALL: 'C' } }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}
