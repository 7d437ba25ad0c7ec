import { chmod, lstat, mkdir } from 'node:fs/promises';

/**
 * A folder the helper (root) writes and everyone reads, e.g. the accepted policy update: owned by
 * root, 0755, so the agent running as the staff member reads it and cannot change it.
 */
export async function ensurePublicDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const s = await lstat(dir);
  if (!s.isDirectory()) throw new Error(`${dir}: not a directory`);
  if (s.uid !== 0) throw new Error(`${dir}: owner uid ${s.uid}, not root`);
  await chmod(dir, 0o755);
}

export const isRoot = async () => process.getuid?.() === 0;
