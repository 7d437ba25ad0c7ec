# Registers, or removes, the scheduled task \Mamori\Helper that runs the privileged isolation helper
# (docs/isolation.md section 2.1). Run elevated by both Windows installers (build/installer.nsh,
# scripts/msi-project.js) from resources\installer\, beside the task template:
#   mamori-helper-task.ps1 -DataDir C:\ProgramData\Mamori   install, repair, upgrade: register, then start
#   mamori-helper-task.ps1 -Unregister                       uninstall (an upgrade too): stop, then remove
# The data folder comes from the installer's known folder. The install folder is the one this script
# was run from (two levels up): an MSI folder property ends with a backslash, which before a closing
# quote would escape it on powershell.exe's command line. Any failure ends with exit code 1.
[CmdletBinding(DefaultParameterSetName = 'Register')]
param(
  [Parameter(Mandatory = $true, ParameterSetName = 'Register')][string]$DataDir,
  [Parameter(Mandatory = $true, ParameterSetName = 'Unregister')][switch]$Unregister
)
$ErrorActionPreference = 'Stop'
$taskPath = '\Mamori\'
$taskName = 'Helper'

try {
  if ($Unregister) {
    # Stopping the helper never lifts isolation (its firewall rules stay); it frees node.exe so that
    # the uninstaller can remove it. No task (never registered, or removed already): nothing to do.
    if (Get-ScheduledTask -TaskPath $taskPath -TaskName $taskName -ErrorAction SilentlyContinue) {
      Stop-ScheduledTask -TaskPath $taskPath -TaskName $taskName
      Unregister-ScheduledTask -TaskPath $taskPath -TaskName $taskName -Confirm:$false
    }
  } else {
    $installDir = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    # Read as UTF-8 explicitly: Windows PowerShell 5.1 reads a file without a BOM in the ANSI code page
    # (CP932 on Japanese Windows), which would garble the task's Japanese description.
    $xml = [IO.File]::ReadAllText((Join-Path $PSScriptRoot 'mamori-helper-task.xml'), [Text.Encoding]::UTF8)
    # Escaped: the paths go into XML text.
    $xml = $xml.Replace('{{InstallDir}}', [Security.SecurityElement]::Escape($installDir))
    $xml = $xml.Replace('{{DataDir}}', [Security.SecurityElement]::Escape($DataDir))
    # The XML as a string, not schtasks /create /xml FILE: schtasks accepts only UTF-16LE (or ANSI)
    # files and rejects UTF-8 ones, with or without a BOM. -Force replaces the task of an earlier install.
    Register-ScheduledTask -TaskPath $taskPath -TaskName $taskName -Xml $xml -Force | Out-Null
    # Now rather than at the next boot. A helper already running (a repair) keeps running: IgnoreNew.
    Start-ScheduledTask -TaskPath $taskPath -TaskName $taskName
  }
} catch {
  [Console]::Error.WriteLine("mamori-helper-task: $_")
  exit 1
}
exit 0
