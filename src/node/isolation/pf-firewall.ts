import { z } from 'zod';
import { unknown } from '../../shared/observed';
import type { Host } from '../host/host';
import { runText } from '../probes/command';
import { writeFileAtomic } from '../policy/atomic-write';
import type { Allowlist } from './allowlist';
import { FirewallError, type Firewall } from './firewall';
import { FirewallRecord } from './firewall-record';
import {
  parsePfToken,
  pfEnabled,
  PF_ENABLE_ARGS,
  PF_FLUSH_ANCHOR_ARGS,
  PF_FLUSH_STATES_ARGS,
  PF_INFO_ARGS,
  PF_SHOW_RULES_ARGS,
  PFCTL,
  pfLoadArgs,
  pfReleaseArgs,
  renderPfAnchor,
} from './pf';

/** A different value at every boot, so a pf token from an earlier boot is never given back. */
export const BOOT_SESSION_ARGS = ['-n', 'kern.bootsessionuuid'];
const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;

const Record_ = z.strictObject({ token: z.string().regex(/^\d{1,20}$/), boot: z.string().regex(UUID) });
type Record_ = z.infer<typeof Record_>;

const PFCTL_TIMEOUT_MS = 15_000;

/**
 * macOS: pf (pf.ts renders the anchor). apply() writes the anchor file (0600, atomically), loads it
 * into com.apple/250.MamoriIsolation, makes sure pf is enabled with a reference of ours (pfctl -E;
 * its token is recorded with the boot it belongs to: references do not survive a reboot, and a token
 * of an earlier boot could now be someone else's), then flushes the states so that nothing opened
 * before isolation keeps flowing (pf lets a packet with a state pass without reading the rules).
 * remove() empties the anchor and gives back our reference.
 */
export class PfFirewall implements Firewall {
  private readonly record: FirewallRecord<Record_>;

  constructor(
    private readonly host: Host,
    private readonly rulesFile: string,
    recordFile: string,
    private readonly log?: (event: Record<string, unknown>) => void,
  ) {
    this.record = new FirewallRecord(recordFile, Record_);
  }

  private async pfctl(args: readonly string[]): Promise<string> {
    const out = await runText(this.host, { file: PFCTL, args, timeoutMs: PFCTL_TIMEOUT_MS, env: { LC_ALL: 'C' } });
    if (!out.ok) throw new FirewallError(out.why);
    // pfctl writes its messages (the token, ALTQ notices) to stderr.
    return `${out.stdout}\n${out.stderr}`;
  }

  private async boot(): Promise<string | null> {
    const out = await runText(this.host, { file: '/usr/sbin/sysctl', args: BOOT_SESSION_ARGS, env: { LC_ALL: 'C' } });
    const id = out.ok ? out.stdout.trim() : '';
    return UUID.test(id) ? id : null;
  }

  async apply(allowlist: Allowlist): Promise<void> {
    await writeFileAtomic(this.rulesFile, renderPfAnchor(allowlist), 0o600);
    await this.pfctl(pfLoadArgs(this.rulesFile));
    const [enabled, record, boot] = await Promise.all([this.pfctl(PF_INFO_ARGS).then(pfEnabled), this.record.read(), this.boot()]);
    const ours = record.kind === 'ok' && boot !== null && record.value.boot === boot;
    if (!(enabled === true && ours)) {
      const token = parsePfToken(await this.pfctl(PF_ENABLE_ARGS));
      if (!token) throw new FirewallError(unknown('unparseable-output', 'pfctl -E: no token'));
      // Without a boot id the token cannot be given back safely later; pf stays enabled by it until reboot.
      if (boot) await this.record.write({ token, boot });
    }
    await this.pfctl(PF_FLUSH_STATES_ARGS);
  }

  async remove(): Promise<void> {
    await this.pfctl(PF_FLUSH_ANCHOR_ARGS);
    const [record, boot] = await Promise.all([this.record.read(), this.boot()]);
    if (record.kind === 'ok' && boot !== null && record.value.boot === boot) {
      // Failing to give the reference back leaves pf enabled with an empty anchor: no isolation, so not an error.
      await this.pfctl(pfReleaseArgs(record.value.token)).catch((e: unknown) => this.log?.({ event: 'pf-release-token-failed', error: String(e) }));
    }
    await this.record.clear();
  }

  async isApplied(): Promise<boolean | null> {
    try {
      const [rules, info] = await Promise.all([
        runText(this.host, { file: PFCTL, args: PF_SHOW_RULES_ARGS, timeoutMs: PFCTL_TIMEOUT_MS, env: { LC_ALL: 'C' } }),
        this.pfctl(PF_INFO_ARGS),
      ]);
      if (!rules.ok) return null;
      const enabled = pfEnabled(info);
      return enabled === null ? null : enabled && rules.stdout.trim() !== '';
    } catch {
      return null;
    }
  }
}
