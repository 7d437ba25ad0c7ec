import { lstat, mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../policy/atomic-write';
import { Warning } from './protocol';

/** Its own folder (root, 0700) inside /var/lib/mamori, which stays readable for the agent's last good policy. */
export const DEFAULT_STATE_DIR = '/var/lib/mamori/isolation';
export const STATE_FILE = 'isolation.json';
export const AUDIT_FILE = 'isolation-audit.jsonl';
export const RULES_FILE = 'isolation.nft';

export const Actor = z.strictObject({
  /** The POSIX uid; absent on Windows, where accounts are SIDs and `user` names the account. */
  uid: z.number().int().min(0).optional(),
  /** The account name, or "#<uid>" when the uid has none. */
  user: z.string().max(256),
  /** How the request came: the helper's channel, the helper itself (re-applying at start), or an administrator's command line. */
  via: z.enum(['socket', 'helper', 'local-admin']),
});
export type Actor = z.infer<typeof Actor>;

const EndpointRecord = z.strictObject({
  ip: z.string().max(64),
  family: z.union([z.literal(4), z.literal(6)]),
  protocol: z.enum(['tcp', 'udp']),
  port: z.number().int().min(1).max(65535).optional(),
  host: z.string().max(253),
  source: z.string().max(64),
});

export const Isolation = z.strictObject({
  since: z.iso.datetime(),
  actor: Actor,
  reason: z.string().max(1000),
  /** The allow-list in force (IP addresses resolved at isolation time). */
  endpoints: z.array(EndpointRecord).max(4096),
  unresolved: z.array(z.string().max(253)).max(256),
  /** What the user was told when isolating (VPN, unresolved names…), shown again with the status. */
  warnings: z.array(Warning).max(64),
  updatedAt: z.iso.datetime(),
});
export type Isolation = z.infer<typeof Isolation>;

export const StateFile = z.strictObject({
  version: z.literal(1),
  isolation: Isolation.nullable(),
  releaseFailures: z.strictObject({ count: z.number().int().min(0), lastAt: z.number().nullable() }),
});
export type StateFile = z.infer<typeof StateFile>;

export const EMPTY_STATE: StateFile = { version: 1, isolation: null, releaseFailures: { count: 0, lastAt: null } };

export type StateRead = { ok: true; state: StateFile } | { ok: false; missing: true } | { ok: false; missing: false; detail: string };

/**
 * The state folder must be a real directory owned by root that nobody else can write, or a user
 * could swap the state (and release isolation) under the helper. Created 0700 when missing.
 */
export async function ensureStateDir(dir: string, expectedUid = 0): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const s = await lstat(dir);
  if (!s.isDirectory()) throw new Error(`${dir}: not a directory`);
  if (s.uid !== expectedUid) throw new Error(`${dir}: owner uid ${s.uid}, not ${expectedUid}`);
  if ((s.mode & 0o022) !== 0) throw new Error(`${dir}: mode ${(s.mode & 0o777).toString(8)} lets others write`);
}

/** The isolation state, persisted atomically (0600) so that it survives a crash, a restart and a reboot. */
export class StateStore {
  readonly file: string;
  constructor(readonly dir: string) {
    this.file = path.join(dir, STATE_FILE);
  }

  async read(): Promise<StateRead> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, missing: true };
      return { ok: false, missing: false, detail: String((e as NodeJS.ErrnoException).code ?? e) };
    }
    try {
      const parsed = StateFile.safeParse(JSON.parse(text));
      return parsed.success ? { ok: true, state: parsed.data } : { ok: false, missing: false, detail: 'invalid state file' };
    } catch {
      return { ok: false, missing: false, detail: 'state file is not JSON' };
    }
  }

  async write(state: StateFile): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify(StateFile.parse(state), null, 2)}\n`, 0o600);
  }
}

export const AuditEntry = z.strictObject({
  time: z.iso.datetime(),
  action: z.enum(['isolate', 'release', 'reapply', 'enforce']),
  result: z.enum(['ok', 'failed', 'denied', 'rate-limited', 'authorized']),
  actor: Actor,
  reason: z.string().max(1000).optional(),
  /** Error code or detail for administrators. */
  detail: z.string().max(2000).optional(),
  endpoints: z.array(z.string().max(100)).max(4096).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * Append-only audit log, one JSON object a line (0600). Each entry is written with one write() on
 * an O_APPEND descriptor and fsynced before the call returns. JSON escapes newlines, so a reason
 * typed by a user cannot forge a second line.
 */
export class AuditLog {
  readonly file: string;
  constructor(dir: string) {
    this.file = path.join(dir, AUDIT_FILE);
  }

  async append(entry: AuditEntry): Promise<void> {
    const line = `${JSON.stringify(AuditEntry.parse(entry))}\n`;
    const handle = await open(this.file, 'a', 0o600);
    try {
      await handle.write(line);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async read(): Promise<AuditEntry[]> {
    const text = await readFile(this.file, 'utf8').catch(() => '');
    return text.split('\n').filter((l) => l.trim() !== '').map((l) => AuditEntry.parse(JSON.parse(l)));
  }
}
