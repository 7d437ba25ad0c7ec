import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ID } from '../../src/main/app/identity';
import { MAC_STATE_DIR } from '../../src/node/isolation/platform-mac';
import { machinePolicyLocations } from '../../src/node/policy/locations';
import { repoRoot } from '../support/policy';
import { builderRequire, copyExtraResources, rawBuilderConfig, shippedAs } from '../support/packaging';
import { MACHINE_INI } from '../../src/node/resources/program-data';

const config = rawBuilderConfig();
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const isRoot = process.getuid?.() === 0;
const hasCommand = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

/** Where win.extraResources puts a file, as Windows paths below the install folder. */
const windowsResource = (from: string) => `resources\\${shippedAs('win', from).replaceAll('/', '\\')}`;

/** How both Windows installers run a PowerShell script: Windows PowerShell 5.1, no profile, no prompt. */
const powershellFile = (powershell: string, script: string) => `"${powershell}" -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "${script}"`;

describe('deb/rpm maintainer scripts', () => {
  const scripts = [config.deb.afterInstall, config.deb.afterRemove];

  it('are the same for deb and rpm, POSIX sh, and used verbatim (no ${name} for electron-builder to substitute)', () => {
    expect([config.rpm.afterInstall, config.rpm.afterRemove]).toEqual(scripts);
    for (const script of scripts) {
      expect(spawnSync('sh', ['-n', path.join(repoRoot, script)]).status, script).toBe(0);
      expect(read(script)).not.toMatch(/\$\{[a-zA-Z]+\}|<%=/);
    }
  });

  describe.runIf(isRoot)('run for real in a scratch root (root only: they set owners)', () => {
    let root: string;
    const app = path.join('opt', config.productName);
    const at = (file: string) => path.join(root, file);
    const script = (file: string, arg: string) =>
      execFileSync('sh', [path.join(repoRoot, file), arg], { encoding: 'utf8', env: { ...process.env, MAMORI_PKG_ROOT: root } });
    const mode = (file: string) => statSync(at(file)).mode & 0o7777;
    /** The file or link itself (links point into the real /usr, /opt). */
    const present = (file: string) => lstatSync(at(file), { throwIfNoEntry: false }) !== undefined;
    const systemFiles = [
      'usr/bin/mamori',
      'usr/sbin/mamori-helper',
      'etc/xdg/autostart/mamori-agent.desktop',
      'usr/lib/systemd/system/mamori-helper.service',
      'usr/lib/tmpfiles.d/mamori-helper.conf',
      'etc/systemd/system/multi-user.target.wants/mamori-helper.service',
    ];

    beforeAll(async () => {
      root = mkdtempSync(path.join(os.tmpdir(), 'mamori-pkgroot-'));
      await copyExtraResources(at(path.join(app, 'resources')), 'linux', 'x64', { platformOnly: true });
      writeFileSync(at(path.join(app, 'chrome-sandbox')), ''); // stands in for Electron's
      // Left by someone else before the install: the install must give it back to root.
      mkdirSync(at('etc/mamori'), { recursive: true, mode: 0o777 });
      chownSync(at('etc/mamori'), 65534, 65534);
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it("after-install: links the commands, installs autostart and the helper, enabled, and root's folders", () => {
      script(config.deb.afterInstall, 'configure');
      expect(readlinkSync(at('usr/bin/mamori'))).toBe(`/${app}/resources/bin/mamori`);
      expect(readlinkSync(at('usr/sbin/mamori-helper'))).toBe(`/${app}/resources/bin/mamori`);
      expect(read('build/linux/mamori-agent.desktop')).toBe(readFileSync(at('etc/xdg/autostart/mamori-agent.desktop'), 'utf8'));
      expect(read('build/linux/mamori-helper.service')).toBe(readFileSync(at('usr/lib/systemd/system/mamori-helper.service'), 'utf8'));
      expect(read('build/linux/mamori-helper.tmpfiles.conf')).toBe(readFileSync(at('usr/lib/tmpfiles.d/mamori-helper.conf'), 'utf8'));
      expect(readlinkSync(at('etc/systemd/system/multi-user.target.wants/mamori-helper.service'))).toBe('/usr/lib/systemd/system/mamori-helper.service');
      for (const file of ['etc/xdg/autostart/mamori-agent.desktop', 'usr/lib/systemd/system/mamori-helper.service']) expect(mode(file), file).toBe(0o644);
      for (const [dir, expected] of [['etc/mamori', 0o755], ['var/lib/mamori', 0o755], ['var/lib/mamori/isolation', 0o700]] as const) {
        expect({ dir, mode: mode(dir), uid: statSync(at(dir)).uid, gid: statSync(at(dir)).gid }).toEqual({ dir, mode: expected, uid: 0, gid: 0 });
      }
      expect([0o755, 0o4755]).toContain(mode(path.join(app, 'chrome-sandbox')));
    });

    it('after-install again (an upgrade) leaves the same result', () => {
      script(config.deb.afterInstall, 'configure');
      for (const file of systemFiles) expect(present(file), file).toBe(true);
      expect(mode('var/lib/mamori/isolation')).toBe(0o700);
    });

    it('after-remove on an upgrade (deb `upgrade`, rpm 1) changes nothing', () => {
      for (const arg of ['upgrade', 'failed-upgrade', '1']) {
        script(config.deb.afterRemove, arg);
        for (const file of systemFiles) expect(present(file), `${arg}: ${file}`).toBe(true);
      }
    });

    it('after-remove on removal takes away what after-install added, and keeps the policy and the isolation audit log', () => {
      writeFileSync(at('etc/mamori/policy.json'), '{}');
      writeFileSync(at('var/lib/mamori/isolation/isolation-audit.jsonl'), '{"action":"isolate"}\n');
      script(config.deb.afterRemove, 'remove');
      for (const file of systemFiles) expect(present(file), file).toBe(false);
      for (const file of ['etc/mamori/policy.json', 'var/lib/mamori/isolation/isolation-audit.jsonl']) expect(existsSync(at(file)), file).toBe(true);
    });
  });
});

describe('Linux autostart entry (build/linux/mamori-agent.desktop)', () => {
  const entry = read('build/linux/mamori-agent.desktop');

  it.runIf(hasCommand('desktop-file-validate'))('passes desktop-file-validate (Debian package desktop-file-utils)', () => {
    const result = spawnSync('desktop-file-validate', [path.join(repoRoot, 'build/linux/mamori-agent.desktop')], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('starts the installed tray app, with the icon the deb/rpm install', () => {
    const { installPrefix } = builderRequire('./out/targets/LinuxTargetHelper') as { installPrefix: string };
    expect(entry).toMatch(new RegExp(`^Exec=${installPrefix}/${config.productName}/${config.linux.executableName}$`, 'm'));
    expect(entry).toMatch(new RegExp(`^Icon=${config.linux.executableName}$`, 'm'));
    expect(config.linux.executableName).not.toBe('mamori'); // /usr/bin/mamori is the administrators' command
  });
});

describe('Windows installers', () => {
  const aclScript = windowsResource('build/protect-programdata.cmd');
  const helperTaskScript = windowsResource('build/win/mamori-helper-task.ps1');

  it('NSIS: HKLM Run value at install, removed at uninstall; ProgramData protected, then the helper task registered, or the install fails', () => {
    const nsh = read(config.nsis.include);
    const install = /!macro customInstall\r?\n([\s\S]*?)!macroend/.exec(nsh)?.[1] ?? '';
    const uninstall = /!macro customUnInstall\r?\n([\s\S]*?)!macroend/.exec(nsh)?.[1] ?? '';
    expect(install).toContain(`WriteRegStr HKLM "Software\\Microsoft\\Windows\\CurrentVersion\\Run" "Mamori" '"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}"'`);
    expect(uninstall).toContain('DeleteRegValue HKLM "Software\\Microsoft\\Windows\\CurrentVersion\\Run" "Mamori"');
    expect(install).toContain('SetShellVarContext all');
    // After it ($APPDATA is then ProgramData), the folder the agent reads instead of the variable.
    expect(install.indexOf(`WriteINIStr "$INSTDIR\\${MACHINE_INI}" "Mamori" "ProgramData" "$APPDATA"`)).toBeGreaterThan(install.indexOf('SetShellVarContext all'));
    expect(/^!define MAMORI_HELPER_TASK '(.*)'\r?$/m.exec(nsh)?.[1]).toBe(powershellFile('$SYSDIR\\WindowsPowerShell\\v1.0\\powershell.exe', `$INSTDIR\\${helperTaskScript}`));
    // Every command the install runs, in order, each followed by the exit-code check that aborts it.
    const checked = [...install.matchAll(/nsExec::ExecToLog '(.*)'\r?\n\s*Pop \$0\r?\n\s*\$\{If\} \$0 != 0\r?\n.*\r?\n\s*Abort\r?\n\s*\$\{EndIf\}/g)].map((m) => m[1]);
    expect(checked).toEqual([`"$SYSDIR\\cmd.exe" /d /c ""$INSTDIR\\${aclScript}" "$APPDATA\\Mamori""`, '${MAMORI_HELPER_TASK} -DataDir "$APPDATA\\Mamori"']);
    expect(install.match(/nsExec::/g)).toHaveLength(checked.length);
    // Stopped and removed before the files go (also by an upgrade); never blocks the uninstall.
    expect(uninstall).toContain("nsExec::ExecToLog '${MAMORI_HELPER_TASK} -Unregister'");
    expect(uninstall).not.toContain('Abort');
  });

  it('the helper task script: ASCII, stops at any error, registers the template shipped beside it as the task it names, and starts it', () => {
    const ps1 = read('build/win/mamori-helper-task.ps1');
    const template = read('build/win/mamori-helper-task.xml');
    expect(ps1).toMatch(/^[\x20-\x7e\r\n]*$/); // Windows PowerShell 5.1 reads a script without a BOM in the ANSI code page
    expect(ps1).toMatch(/^\$ErrorActionPreference = 'Stop'\r?$/m);
    expect(ps1).toMatch(/\} catch \{\r?\n.*\r?\n\s*exit 1\r?\n\}/);
    expect(ps1).toMatch(/ParameterSetName = 'Register'\)\]\[string\]\$DataDir/);
    // The template beside the script; the install folder two levels above it (resources\installer\).
    const [scriptTo, templateTo] = ['build/win/mamori-helper-task.ps1', 'build/win/mamori-helper-task.xml'].map((from) => shippedAs('win', from).split('/'));
    expect(scriptTo).toHaveLength(2);
    expect(templateTo?.[0]).toBe(scriptTo?.[0]);
    expect(ps1).toContain(`(Join-Path $PSScriptRoot '${templateTo?.[1]}')`);
    expect(ps1).toContain('$installDir = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)');
    expect(ps1).toContain(".Replace('{{InstallDir}}', [Security.SecurityElement]::Escape($installDir))");
    expect(ps1).toContain(".Replace('{{DataDir}}', [Security.SecurityElement]::Escape($DataDir))");
    // The task path and name are the template's URI.
    const uri = /<URI>(.*)<\/URI>/.exec(template)?.[1] ?? '';
    expect(ps1).toContain(`$taskPath = '${uri.slice(0, uri.lastIndexOf('\\') + 1)}'`);
    expect(ps1).toContain(`$taskName = '${uri.slice(uri.lastIndexOf('\\') + 1)}'`);
    for (const call of [
      'Register-ScheduledTask -TaskPath $taskPath -TaskName $taskName -Xml $xml -Force',
      'Start-ScheduledTask -TaskPath $taskPath -TaskName $taskName',
      'Stop-ScheduledTask -TaskPath $taskPath -TaskName $taskName',
      'Unregister-ScheduledTask -TaskPath $taskPath -TaskName $taskName -Confirm:$false',
    ]) expect(ps1).toContain(call);
  });

  it('the ProgramData ACL script names accounts by SID only: Users read the policy, not the isolation state', () => {
    const cmd = read('build/protect-programdata.cmd');
    expect(cmd.split('\n').slice(0, -1).every((line) => line.endsWith('\r'))).toBe(true); // cmd.exe misreads LF-only batch files
    const commands = cmd.split('\r\n').filter((line) => line && !/^(@echo off|rem |setlocal|set |exit \/b 0$)/.test(line));
    for (const line of commands) expect(line, line).toMatch(/exit \/b 1$/); // every step can only succeed or stop the script
    const icacls = commands.filter((line) => line.startsWith('"%icacls%"'));
    expect(cmd).toContain('set "icacls=%SystemRoot%\\System32\\icacls.exe"');
    const grants = (target: string) =>
      icacls.filter((line) => line.startsWith(`"%icacls%" "${target}" /inheritance:r /grant:r `)).map((line) => [...line.matchAll(/ (\S+):\((OI)\)\((CI)\)(\w+)/g)].map((m) => `${m[1]}=${m[4]}`));
    expect(grants('%base%')).toEqual([['*S-1-5-18=F', '*S-1-5-32-544=F', '*S-1-5-32-545=RX']]);
    expect(grants('%base%\\state\\isolation')).toEqual([['*S-1-5-18=F', '*S-1-5-32-544=F']]);
    expect(icacls).toContain('"%icacls%" "%base%\\*" /reset /T /C /Q || exit /b 1');
    expect(icacls).toContain('"%icacls%" "%base%" /setowner *S-1-5-32-544 /T /C /Q || exit /b 1');
    // Every account an icacls line names is a SID (names are localised on some editions).
    for (const line of icacls) expect(line.replace(/\*S-1-5(-\d+)+:/g, ''), line).not.toMatch(/\w:\(/);
  });

  it("MSI: the hook adds the same Run value and runs the same scripts as SYSTEM in electron-builder's WiX project", () => {
    const { addMamoriToWixProject } = require(path.join(repoRoot, config.msiProjectCreated)) as { addMamoriToWixProject(wxs: string): string };
    const ejs = builderRequire('ejs') as { compile(template: string): (data: object) => string };
    // electron-builder's MSI template, rendered the way MsiTarget does it (its tag translation, then ejs).
    const template = readFileSync(builderRequire.resolve('./templates/msi/template.xml'), 'utf8')
      .replace(/{{/g, '<%')
      .replace(/}}/g, '%>')
      .replace(/\${([^}]+)}/g, '<%=$1%>');
    const wxs = ejs.compile(template)({
      productName: 'Mamori', upgradeCode: 'B6FEEB94-A9C3-48DD-B848-9299B6A7F4CD', version: '0.1.0.0', manufacturer: 'Mamori',
      compressionLevel: 'high', iconPath: null, iconId: 'MamoriIcon.exe', isRunAfterFinish: false, isAssisted: false, isPerMachine: true,
      programFilesId: 'ProgramFiles64Folder', menuCategory: null, installationDirectoryWixName: 'Mamori', isCreateDesktopShortcut: false,
      isCreateStartMenuShortcut: true, dirs: '',
      files: '<Component><File Name="Mamori.exe" Source="$(var.appDir)\\Mamori.exe" ReadOnly="yes" KeyPath="yes" Id="mainExecutable"/></Component>',
    });
    const { DOMParser } = createRequire(builderRequire.resolve('plist'))('@xmldom/xmldom') as { DOMParser: new (options: object) => { parseFromString(text: string, type: string): XMLDocument } };
    const doc = new DOMParser({ errorHandler: (level: string, message: string) => { if (level !== 'warning') throw new Error(message); } })
      .parseFromString(addMamoriToWixProject(wxs), 'text/xml');
    const one = (tag: string): Element => {
      const found = doc.getElementsByTagName(tag);
      expect(found.length, tag).toBe(1);
      return found.item(0) as Element;
    };
    const attributes = (element: Element) => Object.fromEntries([...Array.from(element.attributes)].map((a) => [a.name, a.value]));

    expect(attributes(one('RegistryValue'))).toEqual({
      Root: 'HKLM', Key: 'Software\\Microsoft\\Windows\\CurrentVersion\\Run', Name: 'Mamori', Type: 'string', Value: '"[APPLICATIONFOLDER]Mamori.exe"', KeyPath: 'yes',
    });
    expect((one('RegistryValue').parentNode as Element).getAttribute('Id')).toBe('MamoriAutostart');
    expect(attributes(one('IniFile'))).toEqual({
      Id: 'MamoriMachineIni', Action: 'addLine', Directory: 'APPLICATIONFOLDER', Name: MACHINE_INI, Section: 'Mamori', Key: 'ProgramData', Value: '[CommonAppDataFolder]',
    });
    expect((one('IniFile').parentNode as Element).getAttribute('Id')).toBe('MamoriAutostart');
    expect(one('ComponentRef').getAttribute('Id')).toBe('MamoriAutostart');
    expect((one('ComponentRef').parentNode as Element).getAttribute('Id')).toBe('ProductFeature');
    // Deferred without impersonation: as SYSTEM, after the files are in place.
    const asSystem = (Id: string, ExeCommand: string, Return: string) => ({ Id, Directory: 'APPLICATIONFOLDER', Execute: 'deferred', Impersonate: 'no', Return, ExeCommand });
    const helperTask = powershellFile('[SystemFolder]WindowsPowerShell\\v1.0\\powershell.exe', `[APPLICATIONFOLDER]${helperTaskScript}`);
    expect(Array.from(doc.getElementsByTagName('CustomAction')).map(attributes)).toEqual([
      asSystem('MamoriProtectProgramData', `"[SystemFolder]cmd.exe" /d /c ""[APPLICATIONFOLDER]${aclScript}" "[CommonAppDataFolder]Mamori""`, 'check'),
      asSystem('MamoriRegisterHelper', `${helperTask} -DataDir "[CommonAppDataFolder]Mamori"`, 'check'),
      // An uninstall is never blocked; the task's absence is the script's to handle.
      asSystem('MamoriUnregisterHelper', `${helperTask} -Unregister`, 'ignore'),
    ]);
    // Install, repair, upgrade: the ACL, then the helper that writes into that folder. Uninstall (also the
    // old product's, removed first by a major upgrade): the helper stopped before its files go.
    expect(Array.from(doc.getElementsByTagName('Custom')).map((custom) => ({ ...attributes(custom), condition: custom.textContent }))).toEqual([
      { Action: 'MamoriProtectProgramData', After: 'InstallFiles', condition: 'NOT REMOVE="ALL"' },
      { Action: 'MamoriRegisterHelper', After: 'MamoriProtectProgramData', condition: 'NOT REMOVE="ALL"' },
      { Action: 'MamoriUnregisterHelper', Before: 'RemoveFiles', condition: 'REMOVE="ALL"' },
    ]);
    // The default schedule removes the old product before the new one installs: were it after, the old
    // product's uninstall would remove the task the new one has just registered.
    expect(one('MajorUpgrade').hasAttribute('Schedule')).toBe(false);
    expect(() => addMamoriToWixProject('<Wix><Package/></Wix>')).toThrow(/not the one this hook was written for/);
  });
});

describe('macOS pkg', () => {
  const scriptsDir = path.join(repoRoot, config.directories.buildResources, config.pkg.scripts);
  const appBundle = `${config.pkg.installLocation}/${config.productName}.app`;

  const postinstall = path.join(scriptsDir, 'postinstall');
  const text = readFileSync(postinstall, 'utf8');

  it('postinstall: executable POSIX sh; installs the LaunchAgent shipped beside it, the commands and a root-only policy folder', () => {
    expect(statSync(postinstall).mode & 0o111).not.toBe(0); // pkgbuild runs only executable scripts
    expect(spawnSync('sh', ['-n', postinstall]).status).toBe(0);
    const macBin = shippedAs('mac', 'build/bin/mamori');
    expect(text).toContain(`res=${appBundle}/Contents/Resources`);
    for (const command of ['mamori', 'mamori-helper']) expect(text).toContain(`ln -sfn "$res/${macBin}" "$root/usr/local/bin/${command}"`);
    expect(text).toContain(`"$(dirname "$0")/${APP_ID}.plist" "$root/Library/LaunchAgents/${APP_ID}.plist"`);
    expect(text).toContain('chown -R 0:0 "$base"');
    expect(text).toContain('chmod -R go-w "$base"');
  });

  it("postinstall: installs the helper's LaunchDaemon from the app, with the folders it uses, and bootstraps it on the running system only", () => {
    const plist = builderRequire('plist') as { parse(xml: string): unknown };
    const daemon = plist.parse(read('build/mac/jp.go.mamori.helper.plist')) as { Label: string; StandardErrorPath: string };
    const installed = `/Library/LaunchDaemons/${daemon.Label}.plist`;
    expect(text).toContain(`install -m 0644 "$root$res/${shippedAs('mac', 'build/mac/jp.go.mamori.helper.plist')}" "$root${installed}"`);
    expect(text).toMatch(new RegExp(`^chown 0:0 .*"\\$root${installed}"`, 'm'));
    // The folders the helper expects: its state (root only), the policy-update cache, the crash log's.
    const base = path.posix.dirname(machinePolicyLocations('darwin').policyFile);
    expect(text).toContain(`base="$root${base}"`);
    expect([MAC_STATE_DIR, machinePolicyLocations('darwin').updateCacheDir]).toEqual([`${base}/state/isolation`, `${base}/policy-cache`]);
    expect(text).toMatch(/^install -d -m 0755 .*"\$base\/state\/isolation" "\$base\/policy-cache"$/m);
    expect(text).toMatch(/^chmod 0700 "\$base\/state\/isolation"$/m);
    expect(text).toMatch(new RegExp(`^install -d -m 0755 .*"\\$root${path.posix.dirname(daemon.StandardErrorPath)}"`, 'm'));
    // launchctl only when installing onto the running system ($3 is /), never into another volume.
    const running = /^if \[ -z "\$root" \]; then\n([\s\S]*?)^fi$/m.exec(text)?.[1] ?? '';
    expect(running).toContain(`launchctl bootout system/${daemon.Label} 2>/dev/null || true`);
    expect(running).toContain(`launchctl bootstrap system ${installed}`);
    expect(running.match(/launchctl/g)?.length).toBe(text.match(/launchctl/g)?.length);
  });

  it('the LaunchAgent is a valid plist that starts the installed app in every graphical session', () => {
    const plist = builderRequire('plist') as { parse(xml: string): unknown };
    expect(plist.parse(readFileSync(path.join(scriptsDir, `${APP_ID}.plist`), 'utf8'))).toEqual({
      Label: APP_ID,
      ProgramArguments: [`${appBundle}/Contents/MacOS/${config.productName}`],
      RunAtLoad: true,
      LimitLoadToSessionType: ['Aqua'],
      ProcessType: 'Interactive',
      AssociatedBundleIdentifiers: [APP_ID],
    });
  });
});
