; NSIS additions for the per-machine Mamori installer (electron-builder nsis.include). The MSI does
; the same through scripts/msi-project.js; docs/admin-guide.en.md §2 describes both.
!include LogicLib.nsh

!macro customInstall
  ; The tray app starts at sign-in for every user. HKLM, so staff cannot remove it without
  ; administrator rights (a per-user login item, HKCU, they can).
  WriteRegStr HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "Mamori" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}"'

  ; C:\ProgramData\Mamori: policy readable but not writable by staff (build/protect-programdata.cmd).
  ; The known folder (SetShellVarContext all: $APPDATA is ProgramData), not an environment variable;
  ; cmd /d skips AutoRun commands from the registry. A failure fails the installation.
  SetShellVarContext all
  nsExec::ExecToLog '"$SYSDIR\cmd.exe" /d /c ""$INSTDIR\resources\installer\protect-programdata.cmd" "$APPDATA\Mamori""'
  Pop $0
  ${If} $0 != 0
    MessageBox MB_OK|MB_ICONSTOP "Mamori could not protect $APPDATA\Mamori (exit code $0)." /SD IDOK
    Abort
  ${EndIf}
!macroend

!macro customUnInstall
  ; Also run by an upgrade, before the new version's customInstall writes the value again.
  ; C:\ProgramData\Mamori (policy, last good policy, isolation audit log) stays.
  DeleteRegValue HKLM "Software\Microsoft\Windows\CurrentVersion\Run" "Mamori"
!macroend
