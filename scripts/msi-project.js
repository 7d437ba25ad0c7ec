'use strict';
/**
 * electron-builder msiProjectCreated hook: adds to the MSI's WiX project what build/installer.nsh adds
 * to the NSIS installer, since electron-builder's MSI template has no options for either:
 *  - the HKLM Run value that starts the tray app at sign-in for every user (a component: Windows
 *    Installer removes it on uninstall), and machine.ini naming the ProgramData folder for the agent
 *    (src/node/resources/program-data.ts: not the staff member's environment variable);
 *  - build/protect-programdata.cmd on C:\ProgramData\Mamori: a deferred action without impersonation
 *    (it runs as SYSTEM), after the files are in place, on install, repair and upgrade; its exit code
 *    is checked, so a failure rolls the installation back;
 *  - build/win/mamori-helper-task.ps1, the same way right after it (the helper writes into that
 *    folder), to register and start the helper's scheduled task; and before the files are removed on
 *    uninstall (a major upgrade too: the old product is removed first), to stop and remove it, with
 *    the exit code ignored as in build/installer.nsh.
 */
const fs = require('node:fs');

const RUN_KEY = 'Software\\Microsoft\\Windows\\CurrentVersion\\Run';

// Generated once for Mamori; never change it (Windows Installer tracks the component by it).
const AUTOSTART_COMPONENT_GUID = '2D5F9AB2-E7BA-4308-BB27-0145210A344A';

// [CommonAppDataFolder] is the shell's known folder (it ends with a backslash); cmd /d skips AutoRun.
const PROTECT_COMMAND =
  '&quot;[SystemFolder]cmd.exe&quot; /d /c &quot;&quot;[APPLICATIONFOLDER]resources\\installer\\protect-programdata.cmd&quot; &quot;[CommonAppDataFolder]Mamori&quot;&quot;';

// powershell.exe -File: the script finds the install folder itself (an -InstallDir "[APPLICATIONFOLDER]"
// would end with \", which escapes the quote on powershell.exe's command line).
const HELPER_TASK_COMMAND =
  '&quot;[SystemFolder]WindowsPowerShell\\v1.0\\powershell.exe&quot; -NoProfile -NonInteractive -ExecutionPolicy Bypass -File &quot;[APPLICATIONFOLDER]resources\\installer\\mamori-helper-task.ps1&quot;';

const ADDITIONS = `
    <!-- Added by scripts/msi-project.js -->
    <DirectoryRef Id="APPLICATIONFOLDER">
      <Component Id="MamoriAutostart" Guid="${AUTOSTART_COMPONENT_GUID}">
        <RegistryValue Root="HKLM" Key="${RUN_KEY}" Name="Mamori" Type="string" Value="&quot;[APPLICATIONFOLDER]Mamori.exe&quot;" KeyPath="yes"/>
        <IniFile Id="MamoriMachineIni" Action="addLine" Directory="APPLICATIONFOLDER" Name="machine.ini" Section="Mamori" Key="ProgramData" Value="[CommonAppDataFolder]"/>
      </Component>
    </DirectoryRef>
    <FeatureRef Id="ProductFeature">
      <ComponentRef Id="MamoriAutostart"/>
    </FeatureRef>
    <CustomAction Id="MamoriProtectProgramData" Directory="APPLICATIONFOLDER" ExeCommand="${PROTECT_COMMAND}" Execute="deferred" Impersonate="no" Return="check"/>
    <CustomAction Id="MamoriRegisterHelper" Directory="APPLICATIONFOLDER" ExeCommand="${HELPER_TASK_COMMAND} -DataDir &quot;[CommonAppDataFolder]Mamori&quot;" Execute="deferred" Impersonate="no" Return="check"/>
    <CustomAction Id="MamoriUnregisterHelper" Directory="APPLICATIONFOLDER" ExeCommand="${HELPER_TASK_COMMAND} -Unregister" Execute="deferred" Impersonate="no" Return="ignore"/>
    <InstallExecuteSequence>
      <Custom Action="MamoriProtectProgramData" After="InstallFiles">NOT REMOVE="ALL"</Custom>
      <Custom Action="MamoriRegisterHelper" After="MamoriProtectProgramData">NOT REMOVE="ALL"</Custom>
      <Custom Action="MamoriUnregisterHelper" Before="RemoveFiles">REMOVE="ALL"</Custom>
    </InstallExecuteSequence>
`;

/** Returns the project with the additions; throws if electron-builder's template no longer looks as expected. */
function addMamoriToWixProject(wxs) {
  const parts = wxs.split('</Product>');
  if (parts.length !== 2 || !wxs.includes('<Feature Id="ProductFeature"') || !wxs.includes('Id="mainExecutable"')) {
    throw new Error('msi-project: the WiX project is not the one this hook was written for (one <Product>, ProductFeature, mainExecutable)');
  }
  return `${parts[0]}${ADDITIONS}  </Product>${parts[1]}`;
}

async function msiProjectCreated(projectFile) {
  fs.writeFileSync(projectFile, addMamoriToWixProject(fs.readFileSync(projectFile, 'utf8')));
}

module.exports = { msiProjectCreated, addMamoriToWixProject };
