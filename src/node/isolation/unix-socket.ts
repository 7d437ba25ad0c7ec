import { chmod, chown, lstat, mkdir, unlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { SAFE_SOCKET_PATH } from './peer';

/**
 * A unix socket only its owner (root) can connect to from the first instant: the folder must be
 * owned by `ownerUid` and not writable by others (no one can swap the socket), a stale socket left by
 * a killed helper is replaced (never a file that is not a socket), and the socket is created under
 * umask 0177 so there is no window before chmod 0600. The channels then add who else may connect.
 */
export async function listenUnixSocket(socketPath: string, ownerUid: number, onConnection: (socket: net.Socket) => void): Promise<net.Server> {
  if (!SAFE_SOCKET_PATH.test(socketPath)) throw new Error(`unsafe socket path: ${socketPath}`);
  const dir = path.dirname(socketPath);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const d = await lstat(dir);
  if (!d.isDirectory() || d.uid !== ownerUid || (d.mode & 0o022) !== 0) throw new Error(`${dir} must be a directory owned by uid ${ownerUid} that others cannot write`);
  const existing = await lstat(socketPath).catch(() => null);
  if (existing) {
    if (!existing.isSocket()) throw new Error(`${socketPath} exists and is not a socket`);
    await unlink(socketPath);
  }
  const server = net.createServer({ pauseOnConnect: true }, onConnection);
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    process.umask(umask);
  }
  await chown(socketPath, ownerUid, ownerUid === 0 ? 0 : -1);
  await chmod(socketPath, 0o600);
  return server;
}

export const closeServer = (server: net.Server | undefined): Promise<void> =>
  server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
