import { execFile } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePolicyKeys, signPolicy, verifyPolicy } from '../../../src/node/policy/signature';
import { loadPolicy, signatureFileOf, type PolicyFiles } from '../../../src/node/policy/loader';
import { defaultPolicyFile } from '../../../src/node/resources/paths';
import { examplePolicyInput, repoRoot } from '../../support/policy';

const exec = promisify(execFile);
const enc = (s: string) => new TextEncoder().encode(s);
const now = new Date('2026-11-26T10:00:00Z');
const policyText = (revision: number) => JSON.stringify({ ...examplePolicyInput(), revision });

describe('policy signatures (Ed25519)', () => {
  const keys = generatePolicyKeys();
  const other = generatePolicyKeys();
  const trusted = [createPublicKey(keys.publicPem)];
  const bytes = enc(policyText(3));
  const sig = (b = bytes, k = keys.privatePem, expires?: Date) => enc(JSON.stringify(signPolicy(b, k, now, expires)));

  it('a signed policy verifies; every kind of tampering is named', () => {
    expect(verifyPolicy(bytes, sig(), trusted, now)).toBeNull();
    const tampered = bytes.slice();
    tampered[10] = tampered[10]! ^ 0x01; // one byte
    expect(verifyPolicy(tampered, sig(), trusted, now)).toBe('digest-mismatch');
    expect(verifyPolicy(bytes, sig(bytes, other.privatePem), trusted, now)).toBe('unknown-key');
    expect(verifyPolicy(bytes, null, trusted, now)).toBe('no-signature');
    expect(verifyPolicy(bytes, enc('{"format":"x"}'), trusted, now)).toBe('malformed-signature');
    const forged = JSON.parse(new TextDecoder().decode(sig()));
    forged.signedAt = '2030-01-01T00:00:00.000Z'; // fields are covered by the signature
    expect(verifyPolicy(bytes, enc(JSON.stringify(forged)), trusted, now)).toBe('bad-signature');
    expect(verifyPolicy(bytes, sig(bytes, keys.privatePem, new Date('2026-11-25T00:00:00Z')), trusted, now)).toBe('expired');
    expect(verifyPolicy(bytes, sig(bytes, keys.privatePem, new Date('2026-12-25T00:00:00Z')), trusted, now)).toBeNull();
  });

  describe('the agent with a trusted key installed', () => {
    let dir: string;
    let files: PolicyFiles;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'mamori-sig-'));
      await mkdir(path.join(dir, 'etc'));
      files = {
        policyFile: path.join(dir, 'etc', 'policy.json'),
        lastGoodFile: path.join(dir, 'state', 'policy.last-good.json'),
        defaultFile: defaultPolicyFile(),
        requireProtected: false,
        trust: { keys: trusted, now },
      };
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    const deploy = async (revision: number, signWith: string | null = keys.privatePem) => {
      const b = enc(policyText(revision));
      await writeFile(files.policyFile, b);
      if (signWith) await writeFile(signatureFileOf(files.policyFile), sig(b, signWith));
      else await rm(signatureFileOf(files.policyFile), { force: true });
    };

    it('uses a signed policy and keeps it, signature included, as the last good one', async () => {
      await deploy(3);
      expect((await loadPolicy(files)).source.kind).toBe('file');
      expect(await readdir(path.join(dir, 'state'))).toEqual(['policy.last-good.json', 'policy.last-good.json.sig']);
    });

    it.each([
      ['unsigned', async () => deploy(4, null), 'no signature'],
      ['wrongly signed', async () => deploy(4, other.privatePem), 'not signed by a key this PC trusts'],
      ['tampered (one byte)', async () => {
        await deploy(4);
        const b = await readFile(files.policyFile);
        b[b.indexOf('"revision":4') + 11] = '5'.charCodeAt(0);
        await writeFile(files.policyFile, b);
      }, 'does not match its signature'],
      ['older than the one in force (rollback)', async () => deploy(2), 'older than revision 3'],
    ])('%s: rejected with a clear error, the last good policy stays in force', async (_name, arrange, message) => {
      await deploy(3);
      await loadPolicy(files);
      await arrange();
      const loaded = await loadPolicy(files);
      expect(loaded.source.kind).toBe('last-good');
      expect(loaded.policy.revision).toBe(3);
      expect(loaded.problems[0]!.message.en).toContain(message);
    });
  });

  it('mamori policy keygen, sign and verify work together from the command line', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mamori-sig-cli-'));
    const bin = path.join(repoRoot, 'bin/mamori.js');
    const run = (...args: string[]) => exec(process.execPath, [bin, ...args, '--lang', 'en'], { cwd: dir }).catch((e) => e);
    await run('policy', 'keygen', '--out', dir);
    const names = await readdir(dir);
    const priv = path.join(dir, names.find((n) => n.endsWith('.key'))!);
    const pub = path.join(dir, names.find((n) => n.endsWith('.pub'))!);
    const policy = path.join(dir, 'policy.json');
    await writeFile(policy, policyText(7));
    expect((await run('policy', 'sign', policy, '--key', priv)).stdout).toContain('revision 7');
    expect((await run('policy', 'verify', policy, '--key', pub)).stdout).toContain('signature is good');
    await writeFile(policy, policyText(8));
    const bad = await run('policy', 'verify', policy, '--key', pub);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('does not match its signature');
  });
});
