import { execSync } from 'node:child_process';
import { electronBinary, missingDisplay, repoRoot } from './electron-binary';

/**
 * Builds the main process and the renderer, but only where the launch tests will run. Where they
 * skip, says why up front (the list reporter shows skipped tests without their reason).
 */
export default function setup(): void {
  const binary = electronBinary();
  const skipReason = binary.path === null ? `no Electron binary on this machine: ${binary.reason}` : missingDisplay();
  if (skipReason !== null) {
    console.log(`Electron launch tests skipped: ${skipReason}`);
    return;
  }
  execSync('npm run build && npm run build:renderer', { cwd: repoRoot, stdio: 'inherit' });
}
