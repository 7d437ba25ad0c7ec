import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resourcesDir } from './paths';

/**
 * Written by both Windows installers (build/installer.nsh, scripts/msi-project.js) into the install
 * folder, beside resources\: the ProgramData folder they resolved through the shell's known folder.
 */
export const MACHINE_INI = 'machine.ini';
const WINDOWS_DEFAULT = 'C:\\ProgramData';

/**
 * C:\ProgramData\Mamori, as the installer found it. Not from the ProgramData environment variable:
 * the tray runs as the staff member it governs, who can set that variable for their own sign-in
 * (HKCU\Environment) and so point the agent at a policy folder of their own. The installer's answer
 * sits in the install folder, which staff cannot write. The variable counts only where nothing was
 * installed (a checkout, tests); a machine.ini that cannot be read or names no folder gives the
 * Windows default, never the variable.
 */
export function windowsMamoriDir(env: NodeJS.ProcessEnv = process.env, iniFile: string = installedIni()): string {
  return path.win32.join(installedProgramData(iniFile) ?? env.ProgramData ?? WINDOWS_DEFAULT, 'Mamori');
}

function installedIni(): string {
  try {
    return path.join(resourcesDir(), '..', MACHINE_INI);
  } catch {
    return ''; // no resources at all: nothing was installed
  }
}

/** The folder named in machine.ini; null when there is no such file; the default when it is unusable. */
function installedProgramData(iniFile: string): string | null {
  let text: string;
  try {
    text = readFileSync(iniFile, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' || iniFile === '' ? null : WINDOWS_DEFAULT;
  }
  // NSIS WriteINIStr and WiX IniFile both write `key=value` lines; a BOM and CRLF are allowed.
  const value = /^\s*ProgramData\s*=\s*(.+?)\s*$/im.exec(text.replace(/^\uFEFF/, ''))?.[1];
  return value && path.win32.isAbsolute(value) ? value : WINDOWS_DEFAULT;
}
