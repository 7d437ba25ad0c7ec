import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS, type Platform } from '../../../src/shared/checks';
import { Facts } from '../../../src/shared/facts';
import type { CallOutput, CommandOutput, DirOutput, FileOutput, Host, HostInfo } from '../../../src/node/host/host';
import { probesFor } from '../../../src/node/probes/registry';
import { repoRoot } from '../../support/policy';
import { filesUnder } from '../../support/files';

/** Seeded randomness, so a failure can be replayed from the seed in its test name. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

  private bytes(): Uint8Array {
    const r = this.random();
    if (r < 0.1) return new Uint8Array();
    if (r < 0.2) return Uint8Array.from({ length: Math.floor(this.random() * 400) }, () => Math.floor(this.random() * 256));
    const base = corpus.length > 0 ? this.pick(corpus) : new Uint8Array();
    const m = this.random();
    if (m < 0.2) return base; // a real output of the wrong command
    if (m < 0.4) return base.slice(0, Math.floor(this.random() * base.length)); // truncated
    if (m < 0.6) {
      const copy = base.slice();
      for (let i = 0; i < 1 + copy.length / 50; i++) copy[Math.floor(this.random() * copy.length)] = Math.floor(this.random() * 256);
      return copy;
    }
    const text = new TextDecoder().decode(base);
    const lines = text.split(/\r?\n/);
    const shuffled = lines.flatMap((l) => (this.random() < 0.1 ? [l, l] : this.random() < 0.05 ? [] : [l]));
    return new TextEncoder().encode(shuffled.join(this.random() < 0.5 ? '\r\n' : '\n'));
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
