import { open, rename, mkdir, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that a crash leaves either the old or the new content, never a torn one, with
 * exactly `mode` (set explicitly: the helper runs under umask 0077, and files the agent must read,
 * such as the accepted policy update, would otherwise come out 0600).
 */
export async function writeFileAtomic(file: string, data: Uint8Array | string, mode = 0o644): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o755 });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(tmp, 'w', mode);
  try {
    await handle.chmod(mode);
    await handle.writeFile(data);
    await handle.sync();
  } catch (e) {
    await handle.close();
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await handle.close();
  await rename(tmp, file);
  // Make the rename itself durable (POSIX; Windows has no directory handles to sync).
  if (process.platform !== 'win32') {
    const dir = await open(path.dirname(file), 'r');
    await dir.sync().finally(() => dir.close());
  }
}
