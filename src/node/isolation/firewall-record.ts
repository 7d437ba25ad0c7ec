import { readFile, unlink } from 'node:fs/promises';
import type { z } from 'zod';
import { writeFileAtomic } from '../policy/atomic-write';

export type RecordRead<T> = { kind: 'none' } | { kind: 'ok'; value: T } | { kind: 'corrupt'; detail: string };

/**
 * What a firewall must remember between apply and remove (Windows: each profile's policy before
 * isolation; macOS: pf's enable token), in its own 0600 file in the state folder. Written before the
 * change it describes, cleared only after the removal succeeded: a crash in between never makes a
 * re-application record the isolated state as the one to restore.
 */
export class FirewallRecord<T> {
  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  async read(): Promise<RecordRead<T>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
      return { kind: 'corrupt', detail: String((e as NodeJS.ErrnoException).code ?? e) };
    }
    try {
      const parsed = this.schema.safeParse(JSON.parse(text));
      return parsed.success ? { kind: 'ok', value: parsed.data } : { kind: 'corrupt', detail: 'invalid record' };
    } catch {
      return { kind: 'corrupt', detail: 'record is not JSON' };
    }
  }

  write(value: T): Promise<void> {
    return writeFileAtomic(this.file, `${JSON.stringify(this.schema.parse(value))}\n`, 0o600);
  }

  async clear(): Promise<void> {
    await unlink(this.file).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
}
