import { chmod, mkdir, open, readdir, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { Report, type ReportKind } from '../../shared/report';
import { writeFileAtomic } from '../policy/atomic-write';
import { KeyedLock } from './keyed-lock';
import { ReportingError } from './types';

/**
 * The durable report queue: one directory in the agent's state dir.
 *
 *   reports/pending/<id>.json           the report, exactly the bytes every channel sends (mode 0600)
 *   reports/pending/<id>.delivery.json  channels that have accepted it: { "version": 1, "delivered": { key: time } }
 *   reports/delivered/                  fully delivered reports (kept, the newest `deliveredKeep`)
 *   reports/corrupt/                    files that could not be read back (kept for an administrator, bounded)
 *
 * Every write is atomic and fsynced (writeFileAtomic), so a crash leaves either no file or a whole one, plus at
 * most a *.tmp that open() removes. A report leaves pending/ only after every configured channel accepted it.
 * Several processes may share the directory (the CLI and the tray): writes are atomic and the delivery marks are
 * merged, so the worst case is a report sent twice, which receivers de-duplicate by id.
 */

const REPORT_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$/;
const DELIVERY_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.delivery\.json$/;
/** writeFileAtomic's temporary name: <file>.<pid>.<ms>.tmp */
const TMP_FILE = /\.(\d+)\.(\d+)\.tmp$/;
/** A temporary file of a live process is left alone unless it is this old (a write takes milliseconds). */
const TMP_STALE_MS = 10 * 60_000;
const CORRUPT_KEEP = 50;

export interface PendingReport {
  id: string;
  kind: ReportKind;
  createdAt: string;
  /** Channel key → when that channel accepted the report. */
  delivered: Record<string, string>;
}

export interface QueueOptions {
  /** How many fully delivered reports to keep in delivered/ (oldest pruned first). Default 100. */
  deliveredKeep?: number;
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

function toReportingError(e: unknown): ReportingError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code !== undefined && DISK_FULL.has(code)) return new ReportingError('disk-full', code);
  return new ReportingError('persist-failed', code ?? 'unknown');
}

const isMissing = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';

const reportsDirOf = (stateDir: string) => path.join(stateDir, 'reports');
const pendingDirOf = (root: string) => path.join(root, 'pending');

/** Whether reports wait to be sent, without opening the queue (the watcher starts delivery only when there are). */
export async function hasPendingReports(stateDir: string): Promise<boolean> {
  const names = await readdir(pendingDirOf(reportsDirOf(stateDir))).catch(() => [] as string[]);
  return names.some((n) => n.endsWith('.json') && !n.endsWith('.delivery.json'));
}

export class ReportQueue {
  private readonly lock = new KeyedLock();
  readonly pendingDir: string;
  readonly deliveredDir: string;
  readonly corruptDir: string;
  private readonly deliveredKeep: number;

  private constructor(readonly root: string, options: QueueOptions) {
    this.pendingDir = pendingDirOf(root);
    this.deliveredDir = path.join(root, 'delivered');
    this.corruptDir = path.join(root, 'corrupt');
    this.deliveredKeep = Math.max(0, options.deliveredKeep ?? 100);
  }

  /** Opens (creating, mode 0700: reports are 機密性2情報) the queue under stateDir and tidies what a crash left. */
  static async open(stateDir: string, options: QueueOptions = {}): Promise<ReportQueue> {
    const queue = new ReportQueue(reportsDirOf(stateDir), options);
    try {
      for (const dir of [queue.pendingDir, queue.deliveredDir, queue.corruptDir]) {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        // mkdir's mode applies only to folders it creates; tighten ones an older run or an admin left open.
        if (process.platform !== 'win32') await chmod(dir, 0o700);
      }
      if (process.platform !== 'win32') await chmod(queue.root, 0o700);
      await queue.tidy();
    } catch (e) {
      throw toReportingError(e);
    }
    return queue;
  }

  /**
   * Persists a report; resolves once it is fsynced under its final name. Rejects with a ReportingError
   * ('disk-full', 'persist-failed', 'report-invalid', 'report-id-conflict'); never drops silently.
   * Enqueueing the same report again is a no-op (a caller retrying after an error it could not interpret).
   */
  async enqueue(report: Report): Promise<{ json: string; already?: 'pending' | 'delivered' }> {
    const parsed = Report.safeParse(report);
    if (!parsed.success) throw new ReportingError('report-invalid');
    const json = JSON.stringify(parsed.data);
    const id = parsed.data.id;
    return this.lock.run(id, async () => {
      for (const [already, existing] of [['pending', this.reportFile(id)], ['delivered', path.join(this.deliveredDir, `${id}.json`)]] as const) {
        const previous = await readFile(existing, 'utf8').catch((e: unknown) => (isMissing(e) ? undefined : Promise.reject(toReportingError(e))));
        if (previous === undefined) continue;
        // A persisted report is immutable: the same id with other content is a caller bug, not an update.
        if (previous === json) return { json, already };
        throw new ReportingError('report-id-conflict');
      }
      const file = this.reportFile(id);
      try {
        await writeFileAtomic(file, json, 0o600);
      } catch (e) {
        await this.removeOwnTmp(file);
        throw toReportingError(e);
      }
      return { json };
    });
  }

  /** Reports still owed to some channel, oldest first, with the channels that already have them. */
  async pending(skip: (id: string) => boolean = () => false): Promise<PendingReport[]> {
    const names = await readdir(this.pendingDir);
    const out: PendingReport[] = [];
    for (const name of names) {
      const id = REPORT_FILE.exec(name)?.[1];
      if (id === undefined || skip(id)) continue;
      const entry = await this.describe(id);
      if (entry !== undefined) out.push(entry);
    }
    return out.sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1));
  }

  /** One pending report's summary; undefined when it is no longer pending (or was unreadable and set aside). */
  async describe(id: string): Promise<PendingReport | undefined> {
    const loaded = await this.read(id);
    if (loaded === undefined) return undefined;
    return { id, kind: loaded.report.kind, createdAt: loaded.report.createdAt, delivered: await this.deliveryMarks(id) };
  }

  /**
   * The report and the exact JSON text channels send. A file that no longer parses is moved to corrupt/ (not
   * deleted: an administrator may recover it) and reads as absent, so one bad file never stops the others.
   */
  async read(id: string): Promise<{ report: Report; json: string } | undefined> {
    const file = this.reportFile(id);
    let json: string;
    try {
      json = await readFile(file, 'utf8');
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
    let parsed: ReturnType<typeof Report.safeParse> | undefined;
    try {
      parsed = Report.safeParse(JSON.parse(json));
    } catch {
      parsed = undefined;
    }
    if (parsed?.success && parsed.data.id === id) return { report: parsed.data, json };
    await this.setAside(file);
    return undefined;
  }

  /** Records that a channel accepted the report (atomic, fsynced). False when the report is no longer pending. */
  async markDelivered(id: string, channelKey: string, at: Date): Promise<boolean> {
    return this.lock.run(id, async () => {
      if (!(await exists(this.reportFile(id)))) return false;
      // Merge with what is on disk: another process sharing the queue may have marked other channels.
      const delivered = { ...(await this.deliveryMarks(id)), [channelKey]: at.toISOString() };
      const file = this.deliveryFile(id);
      try {
        await writeFileAtomic(file, JSON.stringify({ version: 1, delivered }), 0o600);
      } catch (e) {
        await this.removeOwnTmp(file);
        throw toReportingError(e);
      }
      return true;
    });
  }

  /**
   * Moves a fully delivered report to delivered/ and prunes the oldest there. The report moves first and its
   * delivery file second: a crash in between leaves an orphan delivery file (tidied on open), never a report
   * that looks undelivered and would be sent again.
   */
  async complete(id: string): Promise<void> {
    await this.lock.run(id, async () => {
      const target = path.join(this.deliveredDir, `${id}.json`);
      try {
        await rename(this.reportFile(id), target);
      } catch (e) {
        if (isMissing(e)) return; // another process completed it
        throw e;
      }
      // mtime = delivery time, which is what pruning orders by.
      const now = new Date();
      await utimes(target, now, now).catch(() => undefined);
      await rename(this.deliveryFile(id), path.join(this.deliveredDir, `${id}.delivery.json`)).catch(() => undefined);
      await syncDir(this.pendingDir);
      await syncDir(this.deliveredDir);
    });
    await this.prune(this.deliveredDir, this.deliveredKeep);
  }

  private reportFile(id: string): string {
    return path.join(this.pendingDir, `${id}.json`);
  }

  private deliveryFile(id: string): string {
    return path.join(this.pendingDir, `${id}.delivery.json`);
  }

  /** A missing or unreadable delivery file means "no channel has it yet": at worst a duplicate, never a loss. */
  private async deliveryMarks(id: string): Promise<Record<string, string>> {
    try {
      const data = JSON.parse(await readFile(this.deliveryFile(id), 'utf8')) as { version?: unknown; delivered?: unknown };
      if (data.version !== 1 || typeof data.delivered !== 'object' || data.delivered === null) return {};
      return Object.fromEntries(Object.entries(data.delivered).filter((kv): kv is [string, string] => typeof kv[1] === 'string'));
    } catch {
      return {};
    }
  }

  /** Crash leftovers: temporary files, orphan delivery files. Reports themselves are checked when read. */
  private async tidy(): Promise<void> {
    for (const dir of [this.pendingDir, this.deliveredDir]) {
      for (const name of await readdir(dir)) {
        const file = path.join(dir, name);
        const tmp = TMP_FILE.exec(name);
        if (tmp) {
          if (await isStaleTmp(file, Number(tmp[1]))) await unlink(file).catch(() => undefined);
          continue;
        }
        const orphan = DELIVERY_FILE.exec(name)?.[1];
        if (dir === this.pendingDir && orphan !== undefined && !(await exists(this.reportFile(orphan)))) {
          const delivered = path.join(this.deliveredDir, `${orphan}.json`);
          if (await exists(delivered)) await rename(file, path.join(this.deliveredDir, name)).catch(() => undefined);
          else await unlink(file).catch(() => undefined);
        }
      }
    }
  }

  private async setAside(file: string): Promise<void> {
    await rename(file, path.join(this.corruptDir, `${path.basename(file)}.${Date.now()}`)).catch(() => undefined);
    await this.prune(this.corruptDir, CORRUPT_KEEP);
  }

  /** After a failed write: this process's temporary file for `file`, if writeFileAtomic left one (rename failed). */
  private async removeOwnTmp(file: string): Promise<void> {
    const prefix = `${path.basename(file)}.${process.pid}.`;
    const names = await readdir(path.dirname(file)).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => n.startsWith(prefix) && n.endsWith('.tmp')).map((n) => unlink(path.join(path.dirname(file), n)).catch(() => undefined)));
  }

  /** Keeps the newest `keep` reports of a folder (by mtime), with their delivery files. */
  private async prune(dir: string, keep: number): Promise<void> {
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => !DELIVERY_FILE.test(n) && !TMP_FILE.test(n));
    if (names.length <= keep) return;
    const dated = await Promise.all(names.map(async (name) => ({ name, mtime: (await stat(path.join(dir, name)).catch(() => undefined))?.mtimeMs ?? 0 })));
    dated.sort((a, b) => a.mtime - b.mtime || a.name.localeCompare(b.name));
    for (const { name } of dated.slice(0, dated.length - keep)) {
      await unlink(path.join(dir, name)).catch(() => undefined);
      const id = REPORT_FILE.exec(name)?.[1];
      if (id !== undefined) await unlink(path.join(dir, `${id}.delivery.json`)).catch(() => undefined);
    }
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** A temporary file is stale when its writer is gone (a crash) or it is far older than any write takes. */
async function isStaleTmp(file: string, pid: number): Promise<boolean> {
  if (pid === process.pid) return false;
  const info = await stat(file).catch(() => undefined);
  if (info === undefined) return false;
  if (Date.now() - info.mtimeMs > TMP_STALE_MS) return true;
  try {
    process.kill(pid, 0);
    return false; // alive: its write is in progress
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Makes renames in a folder durable (POSIX; Windows has no directory handles to sync). */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  await handle.sync().finally(() => handle.close());
}
