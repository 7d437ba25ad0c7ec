import type { Unknown } from '../../../shared/observed';
import { unknown } from '../../../shared/observed';
import type { Host } from '../../host/host';

/**
 * Reading small text files through the host: sysfs attributes for the USB and Wi-Fi probes,
 * kscreenlockerrc for the KDE screen-lock fallback. These are UTF-8 on Linux (the kernel converts
 * USB string descriptors to UTF-8), so no code-page guessing as for Windows command output.
 */
const utf8 = new TextDecoder('utf-8');

export type TextRead = { text: string } | { error: string };

export async function readTextFile(host: Host, path: string): Promise<TextRead> {
  const out = await host.readFile(path);
  return 'content' in out ? { text: utf8.decode(out.content) } : { error: out.error };
}

/** Why a path that must be readable was not (what ENOENT means is the caller's to say). */
export function readProblem(path: string, error: string): Unknown {
  return error === 'EACCES' || error === 'EPERM' ? unknown('access-denied', `${path}: ${error}`) : unknown('command-failed', `read ${path}: ${error}`);
}

/** A file its directory just listed: ENOENT now means the device or interface changed while we read it. */
export async function readListedFile(host: Host, path: string): Promise<string | Unknown> {
  const read = await readTextFile(host, path);
  if ('text' in read) return read.text;
  return read.error === 'ENOENT' ? unknown('command-failed', `${path} vanished during enumeration`) : readProblem(path, read.error);
}
