import path from 'node:path';
import { electronBinary as find, missingDisplay, type ElectronBinary } from '../../src/node/resources/electron-binary';

export const repoRoot = path.resolve(__dirname, '../..');
export { missingDisplay };

/** The Electron binary for this checkout (the same lookup npm start uses). */
export const electronBinary = (env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ElectronBinary =>
  find(repoRoot, env, platform);
