import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS, type Platform } from '../../../src/shared/checks';
import { Facts } from '../../../src/shared/facts';
import type { CallOutput, CommandOutput, DirOutput, FileOutput, Host, HostInfo } from '../../../src/node/host/host';
import { probesFor } from '../../../src/node/probes/registry';
import { repoRoot } from '../../support/policy';
import { filesUnder } from '../../support/files';
import { mutate, prng } from '../../support/fuzz';

/** Every captured output we have: the mutation corpus. */
const corpus: Uint8Array[] = filesUnder(path.join(repoRoot, 'test/fixtures'))
  .filter((file) => !file.endsWith('.md'))
  .map((file) => new Uint8Array(readFileSync(file)));

/**
 * A Host that answers every request with something hostile: real outputs mutated (bytes flipped,
 * cut short, lines doubled, CRLF swapped), random bytes, nothing at all, errors and odd exit codes,
 * and library results of the wrong shape.
 */
class FuzzHost implements Host {
  constructor(
    readonly info: HostInfo,
    private readonly random: () => number,
  ) {}

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)]!;
  }

  /** Nothing, or a real output (usually of another command) made hostile. */
  private bytes(): Uint8Array {
    return this.random() < 0.1 ? new Uint8Array() : mutate(this.pick(corpus), this.random);
  }

  private json(depth = 0): unknown {
    const r = this.random();
    if (depth > 2 || r < 0.15) return this.pick([null, 0, -1, 1e12, 'x', '', true, NaN, '\u0000']);
    if (r < 0.5) return Array.from({ length: Math.floor(this.random() * 4) }, () => this.json(depth + 1));
    const keys = ['ssid', 'bssid', 'security', 'iface', 'pid', 'name', 'command', 'path', 'list', 'type', 'id', 'serialNumber', 'vendor'];
    return Object.fromEntries(Array.from({ length: Math.floor(this.random() * 6) }, () => [this.pick(keys), this.json(depth + 1)]));
  }

  async run(): Promise<CommandOutput> {
    const r = this.random();
    if (r < 0.1) return { stdout: new Uint8Array(), stderr: new Uint8Array(), exitCode: null, error: this.pick(['ENOENT', 'TIMEOUT', 'EACCES', 'E2BIG']) };
    return { stdout: this.bytes(), stderr: this.bytes(), exitCode: r < 0.8 ? 0 : this.pick([1, 2, 5, 255, -1]) };
  }

  async readFile(): Promise<FileOutput> {
    return this.random() < 0.2 ? { error: this.pick(['ENOENT', 'EACCES', 'EISDIR']) } : { content: this.bytes() };
  }

  async readDir(): Promise<DirOutput> {
    if (this.random() < 0.2) return { error: this.pick(['ENOENT', 'EACCES']) };
    const names = ['1-1', '1-1.2', '1-1:1.0', 'usb1', 'wlan0', 'eth0', 'wireless', 'phy80211', '..', '', 'ü', '1-1:1.0:2'];
    return { entries: Array.from({ length: Math.floor(this.random() * 8) }, () => this.pick(names)) };
  }

  async env(): Promise<string | undefined> {
    return this.random() < 0.5 ? undefined : this.pick(['', 'unix:path=/run/user/1000/bus', 'GNOME', 'KDE', '/tmp', 'ubuntu:GNOME']);
  }

  async call<T>(): Promise<CallOutput<T>> {
    return this.random() < 0.1 ? { error: 'EFAULT' } : { value: this.json() as T };
  }
}

const PLATFORMS: Platform[] = ['linux', 'win32', 'darwin'];
const RUNS = 150;

describe('fuzz: every probe on hostile OS output', () => {
  it('has a corpus of real outputs to mutate', () => {
    expect(corpus.length).toBeGreaterThan(10);
  });

  for (const platform of PLATFORMS) {
    for (const check of CHECK_IDS) {
      it(`${platform} ${check}: ${RUNS} runs, never throws, always a fact or unknown (seeds 1..${RUNS})`, async () => {
        const probe = (await probesFor(platform))[check];
        for (let seed = 1; seed <= RUNS; seed++) {
          const host = new FuzzHost({ platform, osVersion: 'fuzz', locale: 'ja-JP', hostname: 'fuzz' }, prng(seed));
          let facts: unknown;
          try {
            facts = await probe.collect(host);
          } catch (e) {
            throw new Error(`${platform} ${check} threw on seed ${seed}: ${e instanceof Error ? e.stack : String(e)}`);
          }
          const parsed = Facts.shape[check].safeParse(facts);
          if (!parsed.success) throw new Error(`${platform} ${check} seed ${seed}: not a fact: ${parsed.error.message}\n${JSON.stringify(facts).slice(0, 500)}`);
        }
      });
    }
  }
});
