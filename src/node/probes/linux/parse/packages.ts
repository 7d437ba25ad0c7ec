import type { InstalledSoftware } from '../../../../shared/facts';
import { outputLines } from './lines';

/**
 * Parsers for the four Linux package inventories. Each returns the installed packages, or null when
 * the output is not in the shape its command prints: a partial list must never pass for a complete
 * one, since a deny rule would then miss what was cut off. Blank lines are ignored everywhere.
 *
 * Empty output: dpkg-query, rpm and flatpak print no header, so an empty output is an empty list
 * here; whether an empty system database is believable is the probe's decision, not the parser's.
 * `snap list` prints its header whenever it lists anything and writes "No snaps are installed yet"
 * to stderr otherwise (snapd cmd/snap/cmd_list.go), so empty stdout is an empty list too.
 */

const rowsOf = (output: string) => outputLines(output).filter((line) => line.trim() !== '');
const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** Parses each row; any row that does not parse makes the whole output unparseable. */
function everyRow(rows: readonly string[], parse: (row: string) => InstalledSoftware | 'skip' | null): InstalledSoftware[] | null {
  const out: InstalledSoftware[] = [];
  for (const row of rows) {
    const parsed = parse(row);
    if (parsed === null) return null;
    if (parsed !== 'skip') out.push(parsed);
  }
  return out;
}

/** `dpkg-query -W` format string: the dpkg-query binary itself expands `\t` and `\n`. */
export const DPKG_QUERY_FORMAT = '${binary:Package}\\t${Version}\\t${Maintainer}\\t${db:Status-Abbrev}\\n';

/**
 * dpkg-query -W -f='${binary:Package}\t${Version}\t${Maintainer}\t${db:Status-Abbrev}\n'.
 * Keeps packages whose selection/status abbreviation is `ii` (install, installed) or `hi` (hold,
 * installed); `rc` (removed, config files left) and half-installed states are not installed software.
 * `binary:Package` carries `:arch` for multi-arch packages (libc6:amd64): the name drops it, the
 * identifier keeps it.
 */
export function parseDpkgQuery(output: string): InstalledSoftware[] | null {
  return everyRow(rowsOf(output), (row) => {
    const fields = row.split('\t');
    if (fields.length !== 4) return null;
    const [binaryPackage, version, maintainer, status] = fields as [string, string, string, string];
    if (!/^[a-z0-9][a-z0-9+.-]*(:[a-z0-9-]+)?$/.test(binaryPackage) || !/^[a-z ][a-zA-Z ][A-Z ]?$/.test(status)) return null;
    if (!status.startsWith('ii') && !status.startsWith('hi')) return 'skip';
    return {
      name: binaryPackage.split(':')[0]!,
      version: orNull(version),
      publisher: orNull(maintainer),
      identifier: binaryPackage,
      source: 'dpkg',
    };
  });
}

/** `rpm -qa --queryformat` string: rpm expands `\t` and `\n`. */
export const RPM_QUERY_FORMAT = '%{NAME}\\t%{VERSION}-%{RELEASE}\\t%{VENDOR}\\n';

/** rpm -qa --qf '%{NAME}\t%{VERSION}-%{RELEASE}\t%{VENDOR}\n'; rpm prints `(none)` for an unset tag. */
export function parseRpmQuery(output: string): InstalledSoftware[] | null {
  return everyRow(rowsOf(output), (row) => {
    const fields = row.split('\t');
    if (fields.length !== 3) return null;
    const [name, version, vendor] = fields as [string, string, string];
    if (name.trim() === '' || /\s/.test(name)) return null;
    return {
      name,
      version: orNull(version),
      publisher: vendor.trim() === '(none)' ? null : orNull(vendor),
      identifier: name,
      source: 'rpm',
    };
  });
}

/**
 * flatpak list --app --columns=application,version,branch,origin,installation. When stdout is not a
 * terminal flatpak prints no title row and joins cells with TAB (flatpak/flatpak
 * app/flatpak-table-printer.c, the non-"fancy" branch). Version is empty for apps without AppStream
 * data. Application ids have at least three dot-separated elements (flatpak_is_valid_name).
 */
export function parseFlatpakList(output: string): InstalledSoftware[] | null {
  return everyRow(rowsOf(output), (row) => {
    const fields = row.split('\t');
    if (fields.length !== 5) return null;
    const [application, version, branch, origin, installation] = fields as [string, string, string, string, string];
    if (!/^[A-Za-z_][\w-]*(\.[\w-]+){2,}$/.test(application) || [branch, origin, installation].some((f) => f.trim() === '')) return null;
    return { name: application, version: orNull(version), publisher: null, identifier: application, source: 'flatpak' };
  });
}

const SNAP_HEADER = /^Name\s+Version\s+Rev\s+Tracking\s+Publisher\s+Notes$/;
/** Publisher verification marks: `✓`/`**` verified, `✪`/`*` starred (snapd cmd/snap/color.go). */
const PUBLISHER_MARKS = /(\*\*|\*|✓|✪)$/u;

/**
 * snap list: a Go tabwriter table with the header `Name Version Rev Tracking Publisher Notes`. Every
 * cell is one word (snapd prints `-` for an empty one), so a row is exactly six whitespace-separated
 * fields; that is sturdier than column offsets, which Go counts in runes (`…`, `✓`). Rows whose
 * Notes contain `disabled` are old revisions kept for rollback, not what runs.
 */
export function parseSnapList(output: string): InstalledSoftware[] | null {
  const rows = rowsOf(output);
  if (rows.length === 0) return [];
  if (!SNAP_HEADER.test(rows[0]!.trim())) return null;
  return everyRow(rows.slice(1), (row) => {
    const fields = row.trim().split(/\s+/);
    if (fields.length !== 6) return null;
    const [name, version, rev, , publisher, notes] = fields as [string, string, string, string, string, string];
    if (!/^x?\d+$/.test(rev)) return null;
    if (notes.split(',').includes('disabled')) return 'skip';
    const publisherName = publisher.replace(PUBLISHER_MARKS, '');
    return {
      name,
      version: version === '-' ? null : version,
      publisher: publisherName === '-' || publisherName === '' ? null : publisherName,
      identifier: name,
      source: 'snap',
    };
  });
}
