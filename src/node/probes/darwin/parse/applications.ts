import type { InstalledSoftware } from '../../../../shared/facts';
import { isObject, stringField, textField } from './json';

/**
 * The leaf certificate of an app distributed outside the App Store names its developer and Team ID:
 * "Developer ID Application: Microsoft Corporation (UBF8T346G9)". App Store apps are re-signed by
 * Apple ("Apple Mac OS Application Signing") and Apple's own by "Software Signing": no Team ID there.
 */
const DEVELOPER_ID = /^Developer ID Application: (.+) \(([A-Z0-9]{10})\)$/;

/** The first entry of `signed_by` is the leaf; the chain continues up to "Apple Root CA". */
function leafCertificate(entry: Readonly<Record<string, unknown>>): string | null {
  const chain = entry.signed_by;
  return Array.isArray(chain) && typeof chain[0] === 'string' ? chain[0] : null;
}

/**
 * Installed applications from the entries of `system_profiler SPApplicationsDataType -json`
 * (fields: _name, version, path, obtained_from, signed_by, …; platform-notes 2.2). Entries without a
 * name are skipped. The output carries no bundle identifier, so the path identifies an app; the
 * publisher is the Developer ID name, or Apple for Apple's own (obtained_from "apple").
 * Null when an entry is not an object: a format we do not know.
 */
export function installedAppsFrom(entries: readonly unknown[]): InstalledSoftware[] | null {
  const apps: InstalledSoftware[] = [];
  for (const entry of entries) {
    if (!isObject(entry)) return null;
    const name = textField(entry, '_name');
    if (name === null) continue;
    const leaf = leafCertificate(entry);
    const developer = leaf === null ? null : DEVELOPER_ID.exec(leaf);
    const publisher = developer ? developer[1]! : stringField(entry, 'obtained_from') === 'apple' ? 'Apple' : null;
    // The schema caps lengths; a longer value is cut rather than losing the whole inventory.
    apps.push({
      name: name.slice(0, 1000),
      version: textField(entry, 'version')?.slice(0, 200) ?? null,
      publisher: publisher?.slice(0, 1000) ?? null,
      identifier: textField(entry, 'path')?.slice(0, 1000) ?? null,
      teamId: developer ? developer[2]! : null,
      source: 'macos-apps',
    });
  }
  return apps;
}
