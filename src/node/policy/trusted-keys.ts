import type { KeyObject } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The public keys whose signatures this PC accepts: *.pub files in the folders installed with the
 * agent (the installer's resources and the machine folder, both writable only by administrators).
 * A file that is not an Ed25519 public key is an error to report, never a key to skip silently.
 */
export async function loadTrustedKeys(dirs: readonly string[]): Promise<{ keys: KeyObject[]; errors: string[] }> {
  const keys: KeyObject[] = [];
  const errors: string[] = [];
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.pub')).sort()) {
      const file = path.join(dir, name);
      // Loaded only where keys are installed: node:crypto adds about 0.8 MB to the watcher's memory.
      const { parsePublicKey } = await import('./signature.js');
      try {
        keys.push(parsePublicKey(await readFile(file, 'utf8')));
      } catch (e) {
        errors.push(`${file}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  return { keys, errors };
}
