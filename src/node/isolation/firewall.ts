import type { Unknown } from '../../shared/observed';
import type { Host } from '../host/host';
import { runText } from '../probes/command';
import { writeFileAtomic } from '../policy/atomic-write';
import type { Allowlist } from './allowlist';
import { NFT_DELETE_ARGS, NFT_LIST_ARGS, renderNftRuleset } from './nftables';

/** The OS firewall as isolation uses it. */
export interface Firewall {
  /** Puts the allow-list in force, replacing any earlier isolation rules, in one transaction. */
  apply(allowlist: Allowlist): Promise<void>;
  /** Removes the isolation rules; nothing else. Succeeds when they are already gone. */
  remove(): Promise<void>;
  /** Whether the isolation rules are in force now; null when that cannot be told. */
  isApplied(): Promise<boolean | null>;
}

export class FirewallError extends Error {
  constructor(readonly why: Unknown) {
    super(`${why.reason}${why.detail ? `: ${why.detail}` : ''}`);
  }
}

const NFT_TIMEOUT_MS = 15_000;

/**
 * Linux: nftables. The ruleset is written (0600, atomically) to `rulesFile` and loaded with
 * `nft -f FILE`, one transaction: the Host interface has no stdin, and the file doubles as the
 * record of what is in force. Commands run with execFile (no shell); names never reach the rules.
 */
export class NftFirewall implements Firewall {
  constructor(
    private readonly host: Host,
    private readonly rulesFile: string,
  ) {}

  async apply(allowlist: Allowlist): Promise<void> {
    await writeFileAtomic(this.rulesFile, renderNftRuleset(allowlist), 0o600);
    const out = await runText(this.host, { file: 'nft', args: ['-f', this.rulesFile], timeoutMs: NFT_TIMEOUT_MS, env: { LC_ALL: 'C' } });
    if (!out.ok) throw new FirewallError(out.why);
  }

  async remove(): Promise<void> {
    const out = await runText(this.host, { file: 'nft', args: NFT_DELETE_ARGS, timeoutMs: NFT_TIMEOUT_MS, env: { LC_ALL: 'C' } });
    if (out.ok) return;
    // "No such file or directory" when the table is not there: removed already is success.
    if ((await this.isApplied()) === false) return;
    throw new FirewallError(out.why);
  }

  async isApplied(): Promise<boolean | null> {
    const out = await this.host.run({ file: 'nft', args: NFT_LIST_ARGS, timeoutMs: NFT_TIMEOUT_MS, env: { LC_ALL: 'C' } });
    if (out.error !== undefined) return null;
    if (out.exitCode === 0) return true;
    return /no such file or directory/i.test(Buffer.from(out.stderr).toString('utf8')) ? false : null;
  }
}
