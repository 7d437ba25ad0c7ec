import { readdirSync, readlinkSync, readFileSync } from 'node:fs';
import { readlink } from 'node:fs/promises';
import type { Socket } from 'node:net';
import type { Host } from '../host/host';
import { runText } from '../probes/command';

/**
 * Who is at the other end of a Unix socket connection, without SO_PEERCRED (Node does not expose it):
 *  1. our end's inode, from /proc/self/fd/<fd>;
 *  2. the peer's inode, from the kernel's sock_diag table (`ss -xnH src <socket path>`), taking the one
 *     row whose local address is our socket path and local inode ours;
 *  3. every process holding the peer's end (a scan of /proc/<pid>/fd), and their uids from
 *     /proc/<pid>/status, re-checking the fd link after reading so a pid reused in between is caught.
 * All holders must agree on one uid (real = effective = saved = filesystem); anything else is refused.
 */
export interface PeerCredentials {
  uid: number;
  pids: number[];
}

export type PeerLookup = { ok: true; peer: PeerCredentials } | { ok: false; detail: string };

/** Socket paths the helper accepts: no spaces, quotes or glob characters, so `ss src PATH` matches exactly it. */
export const SAFE_SOCKET_PATH = /^\/[A-Za-z0-9._/-]{1,100}$/;

/** The descriptor behind a net.Socket (libuv's pipe handle; stable on Linux for many Node versions). */
export function socketFd(socket: Socket): number | null {
  const handle = (socket as unknown as { _handle?: { fd?: unknown } })._handle;
  return typeof handle?.fd === 'number' && handle.fd >= 0 ? handle.fd : null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The peer inode in `ss -xnH src PATH` output for our end `localInode`, or null. Exactly one row must
 * name our path and inode; a second (forged, e.g. through a peer bound to a name containing a newline)
 * makes the answer ambiguous and the connection is refused.
 */
export function parseSsPeer(output: string, socketPath: string, localInode: number): number | null {
  const row = new RegExp(`^u_(?:str|seq)\\s+ESTAB\\s+\\d+\\s+\\d+\\s+${escapeRegExp(socketPath)}\\s+${localInode}\\s+(?:\\S.*\\s+)?(\\d+)\\s*$`);
  const mentions = output.split('\n').filter((l) => new RegExp(`\\s${localInode}\\s`).test(l));
  const matches = output.split('\n').map((l) => row.exec(l)).filter((m) => m !== null);
  if (matches.length !== 1 || mentions.length !== 1) return null;
  const peer = Number(matches[0]![1]);
  return Number.isSafeInteger(peer) && peer > 0 && peer !== localInode ? peer : null;
}

const inodeOf = (link: string): number | null => {
  const m = /^socket:\[(\d+)\]$/.exec(link);
  return m ? Number(m[1]) : null;
};

/** Processes holding `socket:[inode]` (pid, fd). Synchronous: tens of thousands of readlink calls are far quicker so. */
export function holdersOf(inode: number, procRoot = '/proc'): Array<{ pid: number; fd: string }> {
  const target = `socket:[${inode}]`;
  const found: Array<{ pid: number; fd: string }> = [];
  for (const pid of readdirSync(procRoot)) {
    if (!/^\d+$/.test(pid)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`${procRoot}/${pid}/fd`);
    } catch {
      continue; // exited, or a kernel thread
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`${procRoot}/${pid}/fd/${fd}`) === target) found.push({ pid: Number(pid), fd });
      } catch {
        // closed meanwhile
      }
    }
  }
  return found;
}

/** The four uids (real, effective, saved, filesystem) of a process, from its status file. */
export function parseStatusUids(status: string): number[] | null {
  const m = /^Uid:\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/m.exec(status);
  return m ? [m[1], m[2], m[3], m[4]].map(Number) : null;
}

export async function lookupPeer(socket: Socket, host: Host, socketPath: string, procRoot = '/proc'): Promise<PeerLookup> {
  const fd = socketFd(socket);
  if (fd === null) return { ok: false, detail: 'no descriptor' };
  const local = inodeOf(await readlink(`${procRoot}/self/fd/${fd}`).catch(() => ''));
  if (local === null) return { ok: false, detail: 'descriptor is not a socket' };
  const ss = await runText(host, { file: 'ss', args: ['-xnH', 'src', socketPath], timeoutMs: 5000, env: { LC_ALL: 'C' } });
  if (!ss.ok) return { ok: false, detail: `ss: ${ss.why.reason} ${ss.why.detail ?? ''}`.trim() };
  const peerInode = parseSsPeer(ss.stdout, socketPath, local);
  if (peerInode === null) return { ok: false, detail: 'peer socket not found (or ambiguous)' };
  const holders = holdersOf(peerInode, procRoot);
  if (holders.length === 0) return { ok: false, detail: 'peer has gone' };
  const uids = new Set<number>();
  for (const { pid, fd: peerFd } of holders) {
    let status: string;
    try {
      status = readFileSync(`${procRoot}/${pid}/status`, 'utf8');
      // The same pid must still hold the same socket after we read its status (no pid reuse in between).
      if (readlinkSync(`${procRoot}/${pid}/fd/${peerFd}`) !== `socket:[${peerInode}]`) return { ok: false, detail: 'peer changed' };
    } catch {
      return { ok: false, detail: 'peer changed' };
    }
    const ids = parseStatusUids(status);
    if (!ids) return { ok: false, detail: 'unreadable peer status' };
    for (const id of ids) uids.add(id);
  }
  if (uids.size !== 1) return { ok: false, detail: `peer holders disagree on uid (${[...uids].join(',')})` };
  return { ok: true, peer: { uid: [...uids][0]!, pids: [...new Set(holders.map((h) => h.pid))] } };
}
