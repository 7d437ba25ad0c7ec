import type { Host } from '../../host/host';

/** The logged-in user's graphical session, as far as the agent's environment shows it. */
export interface DesktopSession {
  /** Environment for commands that talk to the session bus (passed explicitly, so a bundle records it). */
  busEnv: Readonly<Record<string, string>>;
  /** XDG_CURRENT_DESKTOP, split: e.g. ['ubuntu', 'GNOME'] or ['KDE']. */
  desktops: readonly string[];
}

const nonEmpty = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());

/**
 * The session bus from DBUS_SESSION_BUS_ADDRESS, else systemd's per-user bus socket
 * $XDG_RUNTIME_DIR/bus (which GLib also falls back to). Null when there is neither: then no
 * desktop setting or state can be asked, and gsettings would print schema defaults instead.
 */
export async function findDesktopSession(host: Host): Promise<DesktopSession | null> {
  let address = nonEmpty(await host.env('DBUS_SESSION_BUS_ADDRESS'));
  if (address === undefined) {
    const runtimeDir = nonEmpty(await host.env('XDG_RUNTIME_DIR'))?.replace(/\/+$/, '');
    const listing = runtimeDir === undefined ? undefined : await host.readDir(runtimeDir);
    if (listing !== undefined && 'entries' in listing && listing.entries.includes('bus')) address = `unix:path=${runtimeDir}/bus`;
  }
  if (address === undefined) return null;
  const desktops = (nonEmpty(await host.env('XDG_CURRENT_DESKTOP')) ?? '').split(':').filter((d) => d !== '');
  return { busEnv: { DBUS_SESSION_BUS_ADDRESS: address }, desktops };
}

/** Whether the session runs this desktop (XDG_CURRENT_DESKTOP names are registered upper-case: GNOME, KDE). */
export const runsDesktop = (session: DesktopSession, name: string): boolean => session.desktops.some((d) => d.toUpperCase() === name);
