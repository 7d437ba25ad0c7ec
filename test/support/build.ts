import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Tests that run the real `mamori` command need out/ current; incremental, so cheap when nothing changed. */
export default function setup(): void {
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
}
