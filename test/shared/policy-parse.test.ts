import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_POLICY_BYTES, parsePolicy, problemLine } from '../../src/shared/policy/parse';
import { examplePolicyInput, repoRoot } from '../support/policy';

const enc = (s: string) => new TextEncoder().encode(s);
const FILE = '/etc/mamori/policy.json';
const problems = (bytes: Uint8Array) => {
  const r = parsePolicy(bytes, FILE);
  if (r.ok) throw new Error('expected the policy to be rejected');
  return r.problems;
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests deliberately write wrong types into the policy
type Loose = Record<string, any>;
const withEdit = (edit: (p: Loose) => void) => {
  const p = examplePolicyInput() as Loose;
  edit(p);
  return enc(JSON.stringify(p));
};

describe('policy files', () => {
  it('the shipped example and default policies are valid', () => {
    for (const f of ['policies/example-policy.json', 'policies/default-policy.json']) {
      expect(parsePolicy(readFileSync(path.join(repoRoot, f)), f).ok).toBe(true);
    }
  });

  it('a UTF-8 BOM (Windows Notepad) is accepted', () => {
    const bytes = readFileSync(path.join(repoRoot, 'policies/example-policy.json'));
    expect(parsePolicy(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]), FILE).ok).toBe(true);
  });

  it('hex ids become numbers, defaults are filled in', () => {
    const r = parsePolicy(readFileSync(path.join(repoRoot, 'policies/example-policy.json')), FILE);
    if (!r.ok) throw new Error('invalid');
    expect(r.policy.usb.approved[0]).toMatchObject({ vendorId: 0x0781, productId: 0x5567, interfaceClasses: [8] });
    expect(r.policy.usb.allowedClasses).toEqual([3, 9, 0x0e, 0xe0]);
  });

  it.each([
    ['empty file', enc(''), ''],
    ['not JSON', enc('{ "schemaVersion": 1, '), ''],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), ''],
    ['a JSON array', enc('[]'), ''],
  ])('%s → one whole-file problem naming the file in Japanese and English', (_name, bytes) => {
    const [p, ...rest] = problems(bytes);
    expect(rest).toEqual([]);
    expect(p!.file).toBe(FILE);
    expect(problemLine(p!, 'ja')).toContain(FILE);
    expect(problemLine(p!, 'en')).toContain(FILE);
    expect(problemLine(p!, 'ja')).toMatch(/[ぁ-ん]/);
  });

  it('too large a file is refused before parsing', () => {
    const [p] = problems(new Uint8Array(MAX_POLICY_BYTES + 1));
    expect(p!.message.en).toMatch(/too large/);
  });

  it('wrong types name the field path and what was expected, in both languages', () => {
    const list = problems(withEdit((p) => (p.screenLock.maxLockAfterSeconds = '600')));
    expect(list).toHaveLength(1);
    expect(list[0]!.path).toBe('screenLock.maxLockAfterSeconds');
    expect(list[0]!.message.en).toMatch(/expected number, received string/);
    expect(list[0]!.message.ja).toMatch(/数値/);
    expect(problemLine(list[0]!, 'ja')).toBe(`ポリシーファイル ${FILE} の screenLock.maxLockAfterSeconds: ${list[0]!.message.ja}`);
  });

  it('unknown (misspelt) keys are errors, not silently ignored', () => {
    const list = problems(withEdit((p) => (p.usb.aproved = [])));
    expect(list.map((x) => x.path)).toEqual(['usb']);
    expect(list[0]!.message.en).toContain('aproved');
  });

  it('policy-specific checks report their own bilingual message at the right path', () => {
    const list = problems(withEdit((p) => (p.usb.approved[0].vendorId = '781')));
    expect(list[0]).toMatchObject({ path: 'usb.approved[0].vendorId' });
    expect(list[0]!.message.en).toContain('4 hexadecimal digits');
    const serialOnly = problems(withEdit((p) => (p.usb.approved = [{ id: 'x', label: { ja: 'x' }, serial: 'ABC', interfaceClasses: ['08'] }])));
    expect(serialOnly.map((x) => x.path)).toEqual(['usb.approved[0].serial']);
    expect(serialOnly[0]!.message.ja).toContain('vendorId と productId');
  });

  it('every problem is listed at once, so an administrator fixes them in one go', () => {
    const list = problems(withEdit((p) => {
      p.revision = 0;
      p.contacts[0].email = 'not-an-email';
      p.wifi.minimumSecurity = 'wpa9';
    }));
    expect(list.map((x) => x.path).sort()).toEqual(['contacts[0].email', 'revision', 'wifi.minimumSecurity']);
  });
});
