#!/usr/bin/env node
'use strict';
// `npm start`: the Electron tray app where an Electron binary is available; otherwise (as on build
// machines that cannot download Electron) one line saying so, then the headless `mamori watch`.
const { spawn } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** The Electron binary electron's own package would run, without triggering its download. */
function electronBinary() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const exe = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
    return existsSync(path.join(override, exe)) ? path.join(override, exe) : null;
  }
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(pkg, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const exe = path.join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

const run = (cmd, args) => {
  const child = spawn(cmd, args, { stdio: 'inherit', cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
};

const electron = electronBinary();
if (electron) {
  run(electron, [root, ...process.argv.slice(2)]);
} else {
  const { requestedLang } = require(path.join(root, 'out/src/node/cli/main.js'));
  const { t } = require(path.join(root, 'out/src/shared/i18n/index.js'));
  console.log(t(requestedLang(process.argv.slice(2), process.env.MAMORI_LANG), 'cli.electron-missing'));
  run(process.execPath, [path.join(root, 'bin/mamori.js'), 'watch', ...process.argv.slice(2)]);
}
