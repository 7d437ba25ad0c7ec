import type { InstalledSoftware } from '../../../../shared/facts';
import type { RegKey } from './reg-query';
import { regNumber, regText } from './reg-query';

/**
 * The programs listed under one Uninstall key (`reg query <Uninstall> /s`), the way "Apps & features"
 * lists them: only direct subkeys, only those with a DisplayName, none with SystemComponent = 1
 * (components such as runtimes an installer hides). The identifier is the subkey's name: an MSI
 * product code {GUID} or the installer's own key name.
 */
export function installedFromUninstallKeys(keys: readonly RegKey[], uninstallKey: string, source: string): InstalledSoftware[] {
  const prefix = `${uninstallKey.toUpperCase()}\\`;
  const installed: InstalledSoftware[] = [];
  for (const key of keys) {
    if (!key.path.toUpperCase().startsWith(prefix)) continue;
    const identifier = key.path.slice(prefix.length);
    if (identifier === '' || identifier.includes('\\')) continue; // the Uninstall key itself, or a deeper subkey of an entry
    const name = regText(key.values.get('DISPLAYNAME'))?.trim();
    if (!name) continue;
    if (regNumber(key.values.get('SYSTEMCOMPONENT')) === 1) continue;
    installed.push({
      name: name.slice(0, 1000),
      version: regText(key.values.get('DISPLAYVERSION'))?.trim().slice(0, 200) || null,
      publisher: regText(key.values.get('PUBLISHER'))?.trim().slice(0, 1000) || null,
      identifier: identifier.slice(0, 1000),
      source,
    });
  }
  return installed;
}
