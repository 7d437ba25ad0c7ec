import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES, parseRequestLine, Response } from '../../../src/node/isolation/protocol';

describe('helper protocol: requests', () => {
  it.each([
    ['{"op":"isolate","reason":"感染の疑い"}', { op: 'isolate', reason: '感染の疑い' }],
    ['{"op":"status"}', { op: 'status' }],
    ['{"op":"release","code":"１２３４５６"}', { op: 'release', code: '１２３４５６' }],
    ['{"op":"release"}', { op: 'release' }],
    ['{"op":"isolate","reason":"  trimmed  "}', { op: 'isolate', reason: 'trimmed' }],
  ])('accepts %s', (line, request) => {
    expect(parseRequestLine(line)).toEqual({ ok: true, request });
  });

  it.each([
    ['not JSON', 'isolate now'],
    ['an array', '[{"op":"status"}]'],
    ['no op', '{"reason":"x"}'],
    ['an unknown op', '{"op":"flush"}'],
    ['an op of the wrong case', '{"op":"ISOLATE","reason":"x"}'],
    ['isolate without a reason', '{"op":"isolate"}'],
    ['an empty reason', '{"op":"isolate","reason":"   "}'],
    ['a reason too long', JSON.stringify({ op: 'isolate', reason: 'あ'.repeat(1001) })],
    ['endpoints in the request', '{"op":"isolate","reason":"x","allow":[{"host":"203.0.113.9","port":22}]}'],
    ['rules in the request', '{"op":"isolate","reason":"x","rules":"flush ruleset"}'],
    ['a policy path in the request', '{"op":"status","policy":"/tmp/evil.json"}'],
    ['a numeric code', '{"op":"release","code":123456}'],
    ['an empty code', '{"op":"release","code":""}'],
    ['a code too long', JSON.stringify({ op: 'release', code: 'x'.repeat(257) })],
    ['a prototype key', '{"op":"status","__proto__":{"admin":true}}'],
    ['a line too long', JSON.stringify({ op: 'isolate', reason: 'x'.repeat(MAX_LINE_BYTES) })],
  ])('refuses %s', (_what, line) => {
    expect(parseRequestLine(line).ok).toBe(false);
  });
});

describe('helper protocol: responses', () => {
  it('validates what the client reads', () => {
    expect(Response.safeParse({ ok: false, error: 'rate-limited', retryAfterSeconds: 30 }).success).toBe(true);
    expect(Response.safeParse({ ok: false, error: 'something-new' }).success).toBe(false);
    expect(Response.safeParse({ ok: true, op: 'status', status: { isolated: false, enforced: null, releasableWithCode: true } }).success).toBe(true);
  });
});
