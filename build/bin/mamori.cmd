@echo off
rem The administrators' commands in an installed Mamori, from an elevated prompt for mamori-helper:
rem   "C:\Program Files\Mamori\resources\bin\mamori.cmd" usb list          runs bin\mamori.js
rem   "C:\Program Files\Mamori\resources\bin\mamori-helper.cmd" status     runs isolation\helper-main.js
rem (add C:\Program Files\Mamori\resources\bin to PATH to type just `mamori`). Both are this file; the
rem name it was called by picks the entry point. They run on the Node shipped in resources\cli\runtime,
rem because Mamori.exe cannot run Node scripts (the runAsNode fuse is off). NODE_OPTIONS and NODE_PATH
rem are dropped: only Mamori's own code runs.
setlocal
set NODE_OPTIONS=
set NODE_PATH=
set "entry=bin\mamori.js"
if /i "%~n0"=="mamori-helper" set "entry=out\src\node\isolation\helper-main.js"
"%~dp0..\cli\runtime\node.exe" "%~dp0..\cli\%entry%" %*
exit /b %ERRORLEVEL%
