import { outputLines } from './text';

/**
 * The one parser of `reg query` output, for every key Mamori reads. Layout (reg.exe, every locale):
 *
 *     <blank>
 *     HKEY_CURRENT_USER\Control Panel\Desktop
 *         ScreenSaveActive    REG_SZ    1
 *         ScreenSaveTimeOut    REG_DWORD    0x384
 *     <blank>
 *     HKEY_CURRENT_USER\Control Panel\Desktop\Colors     (only with /s, or as a bare subkey line)
 *
 * Key paths, value names and type names are not localized; the unnamed default value's name is
 * ("(Default)", "(既定)"), so it is never looked up by name.
 */
export interface RegValue {
  type: string;
  /** The data as reg.exe prints it: REG_DWORD/REG_QWORD as 0x… hex, REG_MULTI_SZ items joined by a literal \0. */
  data: string;
}

export interface RegKey {
  /** Full path as printed, e.g. HKEY_LOCAL_MACHINE\SOFTWARE\…\Uninstall\{GUID}. */
  path: string;
  /** By value name, case-insensitive (the registry is): names are stored upper-cased. */
  values: Map<string, RegValue>;
}

export type RegQueryParse = { ok: true; keys: RegKey[] } | { ok: false; line: number; text: string };

const KEY_LINE = /^HKEY_[A-Z_]+(\\.*)?$/;
// Four spaces, the name (which may itself contain spaces), four spaces, the type, then the data if any.
// Only real type names: a line cut inside its type ("REG_S") must not pass as a value.
const TYPES = 'REG_SZ|REG_EXPAND_SZ|REG_MULTI_SZ|REG_DWORD|REG_DWORD_BIG_ENDIAN|REG_QWORD|REG_BINARY|REG_NONE|REG_LINK|REG_RESOURCE_LIST|REG_FULL_RESOURCE_DESCRIPTOR|REG_RESOURCE_REQUIREMENTS_LIST';
const VALUE_LINE = new RegExp(`^ {4}(.*?) {4}(${TYPES})(?: {4}(.*))?$`);

/** Every key and its values; any line that is neither is reported, never skipped: a skipped line could be a hidden entry. */
export function parseRegQuery(text: string): RegQueryParse {
  const keys: RegKey[] = [];
  const lines = outputLines(text);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    if (KEY_LINE.test(line)) {
      keys.push({ path: line, values: new Map() });
      continue;
    }
    const value = VALUE_LINE.exec(line);
    const current = keys.at(-1);
    if (value && current) {
      current.values.set(value[1]!.toUpperCase(), { type: value[2]!, data: value[3] ?? '' });
      continue;
    }
    return { ok: false, line: index + 1, text: line.slice(0, 200) };
  }
  return { ok: true, keys };
}

/** A value read as a number: REG_DWORD/REG_QWORD hex, or REG_SZ decimal (the screen-saver values are REG_SZ by ADMX). */
export function regNumber(value: RegValue | undefined): number | null {
  if (value === undefined) return null;
  const data = value.data.trim();
  if (value.type === 'REG_DWORD' || value.type === 'REG_QWORD') return /^0x[0-9a-f]+$/i.test(data) ? Number.parseInt(data, 16) : null;
  if (value.type === 'REG_SZ' || value.type === 'REG_EXPAND_SZ') return /^\d{1,10}$/.test(data) ? Number(data) : null;
  return null;
}

/** A value read as text, for REG_SZ-like types only. */
export function regText(value: RegValue | undefined): string | null {
  if (value === undefined || (value.type !== 'REG_SZ' && value.type !== 'REG_EXPAND_SZ')) return null;
  return value.data;
}
