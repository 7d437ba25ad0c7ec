@echo off
rem Protects C:\ProgramData\Mamori from the staff it governs. Run as an administrator by both
rem Windows installers (build/installer.nsh, scripts/msi-project.js) with that folder as %1, from the
rem shell's known folder rather than the ProgramData variable. Administrators may run it again to repair.
rem   Mamori\                SYSTEM and Administrators full control, Users read: policy.json, .sig,
rem                          trusted-keys\, and state\ (the last good policy, which the tray reads)
rem   Mamori\state\isolation SYSTEM and Administrators only (the isolation helper's state and audit log)
rem Accounts by SID: group names are localised on some editions of Windows, SIDs never are.
rem   S-1-5-18 SYSTEM, S-1-5-32-544 Administrators, S-1-5-32-545 Users
rem Any failure ends with exit code 1, and the installer then fails: no install leaves the folder open.
setlocal
set "base=%~1"
set "icacls=%SystemRoot%\System32\icacls.exe"
if "%base%"=="" exit /b 1
if not exist "%base%\trusted-keys\" mkdir "%base%\trusted-keys" || exit /b 1
if not exist "%base%\state\isolation\" mkdir "%base%\state\isolation" || exit /b 1
rem The folder's own ACL first, no longer inherited from ProgramData (where Users may create files).
"%icacls%" "%base%" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX /Q || exit /b 1
rem Everything below: explicit entries removed, so it inherits only the above. Staff could have put
rem files there before Mamori was installed, and an owner can always rewrite an ACL: owner Administrators.
"%icacls%" "%base%\*" /reset /T /C /Q || exit /b 1
"%icacls%" "%base%" /setowner *S-1-5-32-544 /T /C /Q || exit /b 1
"%icacls%" "%base%\state\isolation" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F /Q || exit /b 1
exit /b 0
