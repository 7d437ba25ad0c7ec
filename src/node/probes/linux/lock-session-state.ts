import type { SessionState } from '../../../shared/facts';
import type { Observed, Unknown } from '../../../shared/observed';
import { known, unknown } from '../../../shared/observed';
import type { CommandSpec, Host } from '../../host/host';
import { runText } from '../command';
import { gdbusBoolean, gdbusUnsigned, loginctlLockedHint } from './parse/dbus';
import { firstLineOf } from './parse/lines';
import { isUnknown, joinUnknowns } from './unknowns';

type BusEnv = Readonly<Record<string, string>>;

const gdbusCall = (busEnv: BusEnv, dest: string, objectPath: string, method: string): CommandSpec => ({
  file: 'gdbus',
  args: ['call', '--session', '--dest', dest, '--object-path', objectPath, '--method', method],
  env: busEnv,
  timeoutMs: 5_000,
});

/**
 * Where "is the session locked" can be asked, in order (platform notes 1.4): GNOME Shell's screen
 * shield, the freedesktop interface (KDE's ksld and others), then logind's LockedHint, which the
 * desktop sets and which therefore only means something when the desktop maintains it.
 */
const LOCKED_SOURCES = (busEnv: BusEnv) => [
  { spec: gdbusCall(busEnv, 'org.gnome.ScreenSaver', '/org/gnome/ScreenSaver', 'org.gnome.ScreenSaver.GetActive'), parse: gdbusBoolean },
  { spec: gdbusCall(busEnv, 'org.freedesktop.ScreenSaver', '/org/freedesktop/ScreenSaver', 'org.freedesktop.ScreenSaver.GetActive'), parse: gdbusBoolean },
  { spec: { file: 'loginctl', args: ['show-session', 'auto', '-p', 'LockedHint'], timeoutMs: 5_000 }, parse: loginctlLockedHint },
];

async function lockedNow(host: Host, busEnv: BusEnv): Promise<boolean | Unknown> {
  const failures: Unknown[] = [];
  for (const { spec, parse } of LOCKED_SOURCES(busEnv)) {
    const out = await runText(host, spec);
    if (!out.ok) {
      failures.push(out.why);
      continue;
    }
    const locked = parse(out.stdout);
    if (locked !== null) return locked;
    failures.push(unknown('unparseable-output', `${spec.file} ${spec.args.join(' ')}: ${firstLineOf(out.stdout)}`));
  }
  return joinUnknowns(failures as [Unknown, ...Unknown[]]);
}

/** Mutter's idle monitor (GNOME) in milliseconds; null elsewhere, since the fact allows "not told". */
async function idleSeconds(host: Host, busEnv: BusEnv): Promise<number | null> {
  const spec = gdbusCall(busEnv, 'org.gnome.Mutter.IdleMonitor', '/org/gnome/Mutter/IdleMonitor/Core', 'org.gnome.Mutter.IdleMonitor.GetIdletime');
  const out = await runText(host, spec);
  const ms = out.ok ? gdbusUnsigned(out.stdout) : null;
  return ms === null ? null : ms / 1000;
}

/**
 * Whether the session is locked now. Note that GNOME's GetActive is true while the shield is up,
 * which with lock-enabled=false is a blank screen, not a lock: the configuration fact says which.
 */
export async function lockSessionState(host: Host, busEnv: BusEnv): Promise<Observed<SessionState>> {
  const [locked, idle] = await Promise.all([lockedNow(host, busEnv), idleSeconds(host, busEnv)]);
  if (isUnknown(locked)) return locked;
  return known({ locked, idleSeconds: idle });
}
