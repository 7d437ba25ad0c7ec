import type { ScreenLockConfig } from '../../../shared/facts';
import type { Observed, Unknown } from '../../../shared/observed';
import { known, unknown } from '../../../shared/observed';
import type { Host } from '../../host/host';
import { runText } from '../command';
import { readProblem, readTextFile } from './files';
import type { KscreenlockerEntries } from './parse/kscreenlocker';
import {
  KSCREENLOCKER_KEYS,
  cascadeKdeConfig,
  kdeLockAfterSeconds,
  kdePasswordOnResume,
  kscreenlockerEntriesFrom,
  kscreenlockerSettings,
} from './parse/kscreenlocker';
import { outputLines } from './parse/lines';
import { isUnknown } from './unknowns';

type Evidence = ScreenLockConfig['evidence'];
type Entries = { entries: KscreenlockerEntries; evidence: Evidence };

/**
 * Every key through kreadconfig, which applies KConfig's own cascade (/etc/xdg, kiosk locks, ~/.config).
 * It prints an empty line for a key that is not set: that key then takes KDE's default. It reads
 * files only, so it needs no session bus.
 */
async function viaKreadconfig(host: Host, tool: string): Promise<Entries | Unknown | 'not-installed'> {
  const entries: KscreenlockerEntries = {};
  const evidence: Evidence = [];
  for (const key of KSCREENLOCKER_KEYS) {
    const out = await runText(host, { file: tool, args: ['--file', 'kscreenlockerrc', '--group', 'Daemon', '--key', key], timeoutMs: 5_000 });
    if (!out.ok) return out.why.reason === 'command-missing' ? 'not-installed' : out.why;
    const value = outputLines(out.stdout)[0]?.trim() ?? '';
    if (value !== '') entries[key] = value;
    evidence.push({ source: `${tool} kscreenlockerrc Daemon ${key}`, value: value === '' ? '(not set: KDE default)' : value.slice(0, 500) });
  }
  return { entries, evidence };
}

/** Without kreadconfig: the same cascade done here, over $XDG_CONFIG_DIRS then $XDG_CONFIG_HOME. */
async function viaFiles(host: Host): Promise<Entries | Unknown> {
  const home = (await host.env('HOME'))?.trim();
  const configHome = (await host.env('XDG_CONFIG_HOME'))?.trim() || (home ? `${home}/.config` : undefined);
  if (configHome === undefined) return unknown('not-supported', 'neither kreadconfig nor HOME to find kscreenlockerrc');
  const configDirs = ((await host.env('XDG_CONFIG_DIRS'))?.trim() || '/etc/xdg').split(':').filter((d) => d !== '');
  // XDG_CONFIG_DIRS lists the most important first; KConfig reads the least important first.
  const paths = [...configDirs.reverse(), configHome].map((dir) => `${dir.replace(/\/+$/, '')}/kscreenlockerrc`);

  const texts: string[] = [];
  const evidence: Evidence = [];
  for (const path of paths) {
    const read = await readTextFile(host, path);
    if ('error' in read && read.error !== 'ENOENT') return readProblem(path, read.error);
    const text = 'text' in read ? read.text : '';
    texts.push(text);
    const daemon = kscreenlockerEntriesFrom(cascadeKdeConfig([text], 'Daemon'));
    const summary = Object.entries(daemon).map(([k, v]) => `${k}=${v}`).join('; ');
    evidence.push({ source: path.slice(-200), value: 'error' in read ? '(absent)' : summary === '' ? '(no [Daemon] lock keys)' : summary.slice(0, 500) });
  }
  return { entries: kscreenlockerEntriesFrom(cascadeKdeConfig(texts, 'Daemon')), evidence };
}

/** The effective KDE Plasma lock configuration: kreadconfig6 (Plasma 6), kreadconfig5 (Plasma 5), else the files. */
export async function kdeLockConfig(host: Host): Promise<Observed<ScreenLockConfig>> {
  let read: Entries | Unknown | 'not-installed' = 'not-installed';
  for (const tool of ['kreadconfig6', 'kreadconfig5']) {
    read = await viaKreadconfig(host, tool);
    if (read !== 'not-installed') break;
  }
  if (read === 'not-installed') read = await viaFiles(host);
  if (isUnknown(read)) return read;

  const settings = kscreenlockerSettings(read.entries);
  if (settings === null) {
    const raw = Object.entries(read.entries).map(([k, v]) => `${k}=${v}`).join('; ');
    return unknown('unparseable-output', `kscreenlockerrc [Daemon]: ${raw.slice(0, 300)}`);
  }
  return known({ lockAfterSeconds: kdeLockAfterSeconds(settings), passwordOnResume: kdePasswordOnResume(settings), evidence: read.evidence });
}
