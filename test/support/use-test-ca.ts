import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { makePki, type TestPki } from './receivers/pki';

/**
 * A server that needs a fresh test CA, for one test file or describe block: the CA is made and the
 * server started before the first test; the server is closed and the CA's folder deleted after the last.
 * Tests read the CA as `pki` and the server under `name`, inside tests and hooks (they exist from beforeAll on).
 */
export function useWithTestCa<K extends string, S extends { close(): Promise<void> }>(
  name: K,
  start: (pki: TestPki) => Promise<S>,
): { readonly pki: TestPki } & { readonly [P in K]: S } {
  let pki: TestPki | undefined;
  let server: S | undefined;
  beforeAll(async () => {
    pki = makePki();
    server = await start(pki);
  });
  afterAll(async () => {
    await server?.close();
    if (pki) rmSync(pki.dir, { recursive: true, force: true });
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what}: read it inside a test or hook`);
    return value;
  };
  return Object.defineProperties(
    {},
    {
      pki: { get: () => ready(pki, 'pki') },
      [name]: { get: () => ready(server, name) },
    },
  ) as { readonly pki: TestPki } & { readonly [P in K]: S };
}
