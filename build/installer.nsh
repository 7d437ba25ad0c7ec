; NSIS additions for the per-machine Mamori installer (electron-builder nsis.include). The MSI does
; the same through scripts/msi-project.js; docs/admin-guide.en.md §2 describes both.
!include LogicLib.nsh

; Registers or removes the privileged helper's scheduled task (build/win/mamori-helper-task.ps1), on
; the Windows PowerShell 5.1 every Windows has, without profiles or prompts.
!define MAMORI_HELPER_TASK '"$SYSDIR\WindowsPowerShell\v1.0\powershell.exe" -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "$INSTDIR\resources\installer\mamori-helper-task.ps1"'

!macro customInstall
  ; The tray app starts at sign-in for every user. HKLM, so staff cannot remove it without
  ; administrator rights (a per-user login item, HKCU, they can).
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "Mamori" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}"'

  ; C:\ProgramData\Mamori: policy readable but not writable by staff (build/protect-programdata.cmd).
  ; The known folder (SetShellVarContext all: $APPDATA is ProgramData), not an environment variable;
  ; cmd /d skips AutoRun commands from the registry. A failure fails the installation.
  SetShellVarContext all
  ; The agent finds ProgramData here (src/node/resources/program-data.ts): the environment variable
  ; is the staff member's to change, the install folder is not.
  WriteINIStr "$INSTDIR\machine.ini" "Mamori" "ProgramData" "$APPDATA"
  nsExec::ExecToLog '"$SYSDIR\cmd.exe" /d /c ""$INSTDIR\resources\installer\protect-programdata.cmd" "$APPDATA\Mamori""'
  Pop $0
  ${If} $0 != 0
    MessageBox MB_OK|MB_ICONSTOP "Mamori could not protect $APPDATA\Mamori (exit code $0)." /SD IDOK
    Abort
  ${EndIf}

  ; The privileged helper: the scheduled task \Mamori\Helper (build/win/mamori-helper-task.ps1),
  ; registered and started. After the ACL above, since the helper writes into that folder's helper\
  ; and state\isolation\. A failure fails the installation.
  nsExec::ExecToLog '${MAMORI_HELPER_TASK} -DataDir "$APPDATA\Mamori"'
  Pop $0
  ${If} $0 != 0
    MessageBox MB_OK|MB_ICONSTOP "Mamori could not register its helper task (exit code $0)." /SD IDOK
    Abort
  ${EndIf}
!macroend

!macro customUnInstall
  ; Also run by an upgrade, before the new version's customInstall writes the value again.
  ; C:\ProgramData\Mamori (policy, last good policy, isolation audit log) stays.
  DeleteRegValue HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "Mamori"

  ; Stops and removes the helper's task before the files go (the running helper holds node.exe); an
  ; upgrade's customInstall registers it again. Isolation is not lifted: its firewall rules stay
  ; (docs/admin-guide.en.md §2.4). The exit code is not checked: nothing may keep Mamori from
  ; being removed, and a task left behind only fails to start.
  nsExec::ExecToLog '${MAMORI_HELPER_TASK} -Unregister'
  Pop $0
!macroend
