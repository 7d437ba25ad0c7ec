#!/usr/bin/env node
'use strict';
// `npm start`: the Electron tray app where an Electron binary is available; otherwise (as on build
// machines that cannot download Electron) one line saying so, then the headless `mamori watch`.
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

const run = (cmd, args) => {
  const child = spawn(cmd, args, { stdio: 'inherit', cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
};

const { electronBinary } = require(path.join(root, 'out/src/node/resources/electron-binary.js'));
const electron = electronBinary(root);
if (electron.path) {
  run(electron.path, [root, ...process.argv.slice(2)]);
} else {
  const { requestedLang } = require(path.join(root, 'out/src/node/cli/main.js'));
  const { t } = require(path.join(root, 'out/src/shared/i18n/index.js'));
  console.log(t(requestedLang(process.argv.slice(2), process.env.MAMORI_LANG), 'cli.electron-missing'));
  run(process.execPath, [path.join(root, 'bin/mamori.js'), 'watch', ...process.argv.slice(2)]);
}
