// @ts-check
import tseslint from 'typescript-eslint';

/**
 * Layering, enforced (as VS Code does): what each folder may import.
 *   shared   — zod schemas, types, messages: pure; imported by every layer
 *   core     — pure rules over facts: shared only
 *   node     — probes, policy loading, CLI, agent: shared, core, Node; never Electron
 *   main     — the Electron shell (main process + preload): the ONLY folder that imports electron
 *   renderer — the windows' code: shared and the DOM; no Node, no Electron
 */
const NODE_MODULES = ['fs', 'path', 'os', 'child_process', 'net', 'tls', 'http', 'https', 'crypto', 'util', 'events', 'stream', 'systeminformation', 'usb'];
const ELECTRON = { group: ['electron', 'electron/*'], message: 'Only src/main may import electron.' };
const layer = (name) => ({ regex: `^(\\.\\./)+(${name})(/|$)|^\\./${name}(/|$)`, message: `This layer must not import from ${name}/ (see eslint.config.mjs).` });

/** The import restrictions of a layer: Electron always, Node where pure, and the layers it must not reach. */
function restrict({ pure, forbidden }) {
  return {
    'no-restricted-imports': ['error', {
      paths: pure ? NODE_MODULES.map((name) => ({ name, message: 'This layer is pure: no Node APIs or probe libraries.' })) : [],
      patterns: [ELECTRON, ...(pure ? [{ group: ['node:*'], message: 'This layer is pure: no Node APIs.' }] : []), ...forbidden.map(layer)],
    }],
  };
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**', '.tools/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      eqeqeq: 'error',
    },
  },
  { files: ['src/shared/**/*.ts'], rules: restrict({ pure: true, forbidden: ['core', 'node', 'main', 'renderer'] }) },
  { files: ['src/core/**/*.ts'], rules: restrict({ pure: true, forbidden: ['node', 'main', 'renderer'] }) },
  { files: ['src/node/**/*.ts'], rules: restrict({ pure: false, forbidden: ['main', 'renderer'] }) },
  { files: ['src/renderer/**/*.ts'], rules: restrict({ pure: true, forbidden: ['core', 'node', 'main'] }) },
  {
    // IPC has one door each way: validation and sender checks cannot be skipped by a second handler.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/ipc/ipc-main.ts', 'src/main/preload/index.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Only src/main/ipc/ipc-main.ts (ipcMain) and the preload (ipcRenderer) touch IPC.' }],
      }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{ts,js,mjs}'],
    ignores: ['test/main/**'],
    rules: restrict({ pure: false, forbidden: [] }),
  },
);
