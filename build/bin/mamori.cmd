@echo off
rem The administrators' `mamori` command in an installed Mamori:
rem   "C:\Program Files\Mamori\resources\bin\mamori.cmd" usb list
rem (add C:\Program Files\Mamori\resources\bin to PATH to type just `mamori`). It runs bin\mamori.js on
rem the Node shipped in resources\cli\runtime, because Mamori.exe cannot run Node scripts (the
rem runAsNode fuse is off). NODE_OPTIONS and NODE_PATH are dropped: only Mamori's own code runs.
setlocal
set NODE_OPTIONS=
set NODE_PATH=
"%~dp0..\cli\runtime\node.exe" "%~dp0..\cli\bin\mamori.js" %*
exit /b %ERRORLEVEL%
