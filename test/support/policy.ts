import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Policy, type PolicyInput } from '../../src/shared/policy/schema';
import type { RuleContext } from '../../src/core/outcome';

export const repoRoot = path.resolve(__dirname, '../..');

/** The shipped example policy as written by an administrator (input form), for tests to modify. */
export function examplePolicyInput(): PolicyInput {
  return JSON.parse(readFileSync(path.join(repoRoot, 'policies/example-policy.json'), 'utf8')) as PolicyInput;
}

export function policyWith(edit: (p: PolicyInput) => void = () => undefined): Policy {
  const input = examplePolicyInput();
  edit(input);
  return Policy.parse(input);
}

export const ctx = (policy: Policy = policyWith(), now = new Date('2026-11-26T10:00:00Z')): RuleContext => ({
  policy,
  platform: 'linux',
  now,
});
