import { stat } from 'node:fs/promises';
import type { Host } from '../host/host';
import { runText } from '../probes/command';

/** The uids allowed to ask the helper for isolation: the user of the local console (seat0). */
export type ConsoleUsers = () => Promise<number[]>;

const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** key=value lines as `loginctl show-* -p …` prints them. */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

/**
 * systemd-logind: the active session on seat0, if it is local and active. SSH sessions have no seat,
 * so a remote login can never ask for isolation through the helper.
 */
export function loginctlConsoleUsers(host: Host): ConsoleUsers {
  return async () => {
    const seat = await runText(host, { file: 'loginctl', args: ['show-seat', 'seat0', '-p', 'ActiveSession'], env: { LC_ALL: 'C' } });
    if (!seat.ok) return [];
    const session = parseProperties(seat.stdout).ActiveSession ?? '';
    if (!SESSION_ID.test(session)) return [];
    const props = await runText(host, { file: 'loginctl', args: ['show-session', session, '-p', 'User', '-p', 'Remote', '-p', 'Active'], env: { LC_ALL: 'C' } });
    if (!props.ok) return [];
    const p = parseProperties(props.stdout);
    const uid = Number(p.User);
    return p.Remote === 'no' && p.Active === 'yes' && /^\d+$/.test(p.User ?? '') && uid > 0 ? [uid] : [];
  };
}

export const fixedConsoleUsers = (uids: readonly number[]): ConsoleUsers => async () => [...uids];

/** The account name of a uid (NSS: local, LDAP, SSSD), or "#uid". */
export async function userName(host: Host, uid: number): Promise<string> {
  const out = await runText(host, { file: 'getent', args: ['passwd', String(uid)], timeoutMs: 5000 });
  const name = out.ok ? out.stdout.split(':')[0]?.trim() : undefined;
  return name && /^[^\s:]{1,64}$/.test(name) ? name : `#${uid}`;
}

/** A console user as the macOS channel names it in the audit log. */
export interface ConsoleUser {
  uid: number;
  name: string;
}

/**
 * macOS: the user at the screen is the owner of /dev/console (root while the login window shows),
 * read from the file system rather than from a tool's localised output; the name from `id -nu`.
 */
export function devConsoleUser(host: Host, consoleUid: () => Promise<number> = async () => (await stat('/dev/console')).uid): () => Promise<ConsoleUser | null> {
  return async () => {
    const uid = await consoleUid();
    if (!Number.isInteger(uid) || uid <= 0) return null;
    const out = await runText(host, { file: '/usr/bin/id', args: ['-nu', String(uid)], timeoutMs: 5000, env: { LC_ALL: 'C' } });
    const name = out.ok ? out.stdout.trim() : '';
    return { uid, name: /^[^\s:]{1,64}$/.test(name) ? name : `#${uid}` };
  };
}

const WINDOWS_CONSOLE_USER_TTL_MS = 30_000;

/**
 * Windows: the account logged on at the console ("DOMAIN\\user", language-independent) for the audit
 * log, from Win32_ComputerSystem.UserName; cached briefly, as each PowerShell start costs about a second.
 */
export function windowsConsoleUser(host: Host, now: () => number = Date.now): () => Promise<string | null> {
  let cached: { at: number; name: string | null } | undefined;
  return async () => {
    if (cached && now() - cached.at < WINDOWS_CONSOLE_USER_TTL_MS) return cached.name;
    const out = await runText(host, { file: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-Command', '(Get-CimInstance -ClassName Win32_ComputerSystem).UserName'], timeoutMs: 15_000 });
    const name = out.ok ? out.stdout.trim() : '';
    cached = { at: now(), name: /^[^\s"]{1,256}$/.test(name) ? name : null };
    return cached.name;
  };
}
