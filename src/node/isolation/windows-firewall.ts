import { z } from 'zod';
import { unknown } from '../../shared/observed';
import type { Host } from '../host/host';
import { runText } from '../probes/command';
import type { Allowlist } from './allowlist';
import { FirewallError, type Firewall } from './firewall';
import { FirewallRecord } from './firewall-record';
import { NETSH_SHOW_RULE_ARGS, renderNetshIsolation, renderNetshRelease, WINDOWS_DEFAULT_POLICIES, type WindowsProfile, type WindowsProfilePolicies } from './windows';

/**
 * Each profile's settings before isolation, from the local (persistent) store that netsh changes.
 * Enum values are turned into their names inside PowerShell ([string]), so the JSON is the same on
 * every PowerShell version and UI language (ConvertTo-Json alone writes enums as numbers in 5.1).
 */
export const PROFILE_QUERY_ARGS = [
  '-NoProfile',
  '-NonInteractive',
  '-Command',
  'Get-NetFirewallProfile -PolicyStore PersistentStore | ForEach-Object { [pscustomobject]@{ Name = [string]$_.Name; Enabled = [string]$_.Enabled; DefaultInboundAction = [string]$_.DefaultInboundAction; DefaultOutboundAction = [string]$_.DefaultOutboundAction; AllowInboundRules = [string]$_.AllowInboundRules } } | ConvertTo-Json -Compress',
];

const GpoBoolean = z.enum(['True', 'False', 'NotConfigured']);
const Action = z.enum(['NotConfigured', 'Allow', 'Block']);
const ProfileRow = z.object({
  Name: z.enum(['Domain', 'Private', 'Public']),
  Enabled: GpoBoolean,
  DefaultInboundAction: Action,
  DefaultOutboundAction: Action,
  AllowInboundRules: GpoBoolean,
});
type ProfileRow = z.infer<typeof ProfileRow>;

/**
 * A profile row in netsh's words. NotConfigured actions are written as what they mean on Windows
 * (block inbound, allow outbound); AllowInboundRules=False is "block all inbound, even allowed apps",
 * netsh's blockinboundalways.
 */
export function netshProfile(row: ProfileRow): WindowsProfile {
  const inbound = row.DefaultInboundAction === 'Allow' ? 'allowinbound' : row.AllowInboundRules === 'False' ? 'blockinboundalways' : 'blockinbound';
  const outbound = row.DefaultOutboundAction === 'Block' ? 'blockoutbound' : 'allowoutbound';
  const state = row.Enabled === 'True' ? 'on' : row.Enabled === 'False' ? 'off' : 'notconfigured';
  return { state, policy: `${inbound},${outbound}` };
}

/** The three profiles from PROFILE_QUERY_ARGS' JSON, or null when it is not exactly that. */
export function parseProfiles(json: string): WindowsProfilePolicies | null {
  let rows: unknown;
  try {
    rows = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = z.array(ProfileRow).safeParse(rows);
  if (!parsed.success) return null;
  const by = new Map(parsed.data.map((r) => [r.Name, r]));
  const domain = by.get('Domain');
  const priv = by.get('Private');
  const pub = by.get('Public');
  if (parsed.data.length !== 3 || !domain || !priv || !pub) return null;
  return { domain: netshProfile(domain), private: netshProfile(priv), public: netshProfile(pub) };
}

const Profile = z.strictObject({ state: z.enum(['on', 'off', 'notconfigured']), policy: z.string().max(64) });
const Record_ = z.strictObject({ previous: z.strictObject({ domain: Profile, private: Profile, public: Profile }) });
type Record_ = z.infer<typeof Record_>;

const NETSH_TIMEOUT_MS = 30_000;

/**
 * Windows Defender Firewall through netsh (windows.ts renders the argument lists). apply() first
 * records each profile's previous state and default policy (once: a re-application while isolated
 * keeps the first record), then runs the commands in order; remove() deletes our rules and puts the
 * recorded profiles back. No netsh output is ever parsed: it is localised (CP932 on Japanese
 * Windows); only exit codes and PowerShell's JSON of enum names are read.
 */
export class NetshFirewall implements Firewall {
  private readonly record: FirewallRecord<Record_>;

  constructor(
    private readonly host: Host,
    recordFile: string,
    private readonly log?: (event: Record<string, unknown>) => void,
  ) {
    this.record = new FirewallRecord(recordFile, Record_);
  }

  private async netsh(args: readonly string[], okExitCodes: readonly number[] = [0]): Promise<void> {
    const out = await runText(this.host, { file: 'netsh', args, timeoutMs: NETSH_TIMEOUT_MS }, okExitCodes);
    if (!out.ok) throw new FirewallError(out.why);
  }

  async apply(allowlist: Allowlist): Promise<void> {
    if ((await this.record.read()).kind === 'none') {
      const out = await runText(this.host, { file: 'powershell.exe', args: PROFILE_QUERY_ARGS, timeoutMs: NETSH_TIMEOUT_MS });
      if (!out.ok) throw new FirewallError(out.why);
      const previous = parseProfiles(out.stdout.trim());
      if (!previous) throw new FirewallError(unknown('unparseable-output', 'Get-NetFirewallProfile'));
      await this.record.write({ previous });
    }
    const [deleteOld, ...rest] = renderNetshIsolation(allowlist);
    await this.netsh(deleteOld!, [0, 1]); // 1: there was no rule of ours
    for (const args of rest) await this.netsh(args);
  }

  async remove(): Promise<void> {
    const record = await this.record.read();
    if (record.kind === 'corrupt') this.log?.({ event: 'firewall-record-unreadable', detail: record.detail, restoring: 'Windows defaults' });
    const previous = record.kind === 'ok' ? record.value.previous : record.kind === 'corrupt' ? WINDOWS_DEFAULT_POLICIES : null;
    const [deleteRules, ...restore] = renderNetshRelease(previous);
    await this.netsh(deleteRules!, [0, 1]);
    if ((await this.isApplied()) !== false) throw new FirewallError(unknown('command-failed', 'netsh: the Mamori-Isolation rules are still there'));
    for (const args of restore) await this.netsh(args);
    await this.record.clear();
  }

  async isApplied(): Promise<boolean | null> {
    const out = await this.host.run({ file: 'netsh', args: NETSH_SHOW_RULE_ARGS, timeoutMs: NETSH_TIMEOUT_MS });
    if (out.error !== undefined) return null;
    return out.exitCode === 0 ? true : out.exitCode === 1 ? false : null;
  }
}
