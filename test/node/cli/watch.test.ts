import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/policy';

describe('mamori watch --json', () => {
  it('announces itself, reports every check, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/mamori.js'), 'watch', '--json', '--policy', 'policies/example-policy.json'], {
      cwd: repoRoot,
      env: { ...process.env, MAMORI_STATE_DIR: mkdtempSync(path.join(os.tmpdir(), 'mamori-watch-')) },
    });
    const events: { event: string; check?: string; status?: string }[] = [];
    const lines = createInterface({ input: child.stdout });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; saw ${JSON.stringify(events)}`)), 15_000);
      lines.on('line', (line) => {
        events.push(JSON.parse(line));
        if (new Set(events.filter((e) => e.event === 'checked').map((e) => e.check)).size === 4) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(events[0]).toMatchObject({ event: 'started', policy: { source: 'file', revision: 3 } });
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
