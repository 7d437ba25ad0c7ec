import { describe, expect, it } from 'vitest';
import { evaluate, FindingHistory } from '../../src/core/evaluate';
import type { Facts } from '../../src/shared/facts';
import { CheckResult } from '../../src/shared/findings';
import { ctx } from '../support/policy';

const facts = (ssid: string): Partial<Facts> => ({
  wifi: { connections: { state: 'known', value: [{ ssid: { state: 'known', value: ssid }, security: { state: 'known', value: 'open' }, bssid: null, interface: 'wlan0' }] } },
  usb: { devices: { state: 'unknown', reason: 'no-usb-bus' } },
});

describe('evaluate', () => {
  it('evaluates only the checks given, in the users order, each result valid against the shared schema', () => {
    const results = evaluate(facts('Guest'), ctx());
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['usb', 'unknown'],
      ['wifi', 'fail'],
    ]);
    for (const r of results) expect(() => CheckResult.parse(r)).not.toThrow();
  });

  it('the same problem keeps its id and first-seen time across cycles; a new problem gets a new id', () => {
    const history = new FindingHistory();
    const [, first] = evaluate(facts('Guest'), ctx(undefined, new Date('2026-11-26T10:00:00Z')), history);
    const [, second] = evaluate(facts('Guest'), ctx(undefined, new Date('2026-11-26T10:05:00Z')), history);
    expect(second!.findings[0]!.id).toBe(first!.findings[0]!.id);
    expect(second!.findings[0]).toMatchObject({ firstSeen: '2026-11-26T10:00:00.000Z', lastSeen: '2026-11-26T10:05:00.000Z' });
    const [, other] = evaluate(facts('Other'), ctx(undefined, new Date('2026-11-26T10:06:00Z')), history);
    expect(other!.findings[0]!.id).not.toBe(first!.findings[0]!.id);
    // Once cleared, the old problem starts afresh if it comes back.
    const [, back] = evaluate(facts('Guest'), ctx(undefined, new Date('2026-11-26T10:07:00Z')), history);
    expect(back!.findings[0]!.firstSeen).toBe('2026-11-26T10:07:00.000Z');
  });
});
