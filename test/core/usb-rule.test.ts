import { describe, expect, it } from 'vitest';
import { usbRule } from '../../src/core/rules/usb';
import type { UsbDevice } from '../../src/shared/facts';
import { ctx, policyWith } from '../support/policy';
import { lentStick } from '../support/usb-devices';

const stick = (over: Partial<UsbDevice> = {}): UsbDevice => ({ ...lentStick, location: '1-1', ...over });
const run = (devices: UsbDevice[], policy = policyWith()) => usbRule({ devices: { state: 'known', value: devices } }, ctx(policy));
const kinds = (devices: UsbDevice[], policy = policyWith()) => run(devices, policy).findings.map((f) => [f.kind, f.rule.id]);

describe('USB rule (example policy)', () => {
  it('an approved stick (vendor, product and serial match) gets only the 4章-3 reminder', () => {
    const { findings } = run([stick()]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'usb-approved-device',
      severity: 'info',
      rule: { id: 'lend-001' },
      guidance: ['4章-3'],
      subject: { details: { holder: '情報政策課', lendingLogRef: '貸出簿 2026-014' } },
    });
  });

  it('serials compare case-insensitively (Windows upper-cases them in PnP ids)', () => {
    expect(kinds([stick({ serial: '4c530001230101114315' })])).toEqual([['usb-approved-device', 'lend-001']]);
  });

  it('the same model with another serial is unapproved, reported as the policy says', () => {
    const { findings } = run([stick({ serial: 'FFFF0001230101114315' })]);
    expect(findings).toMatchObject([{ kind: 'usb-unapproved-device', severity: 'violation', report: true, guidance: ['4章-3'] }]);
  });

  it('an unreadable serial never matches a serial rule', () => {
    expect(kinds([stick({ serial: null, serialKnown: false })])).toEqual([['usb-unapproved-device', 'usb.approved']]);
  });

  it('a device without serial matches only an entry that says { absent: true }', () => {
    const noSerial = stick({ vendorId: 0x090c, productId: 0x1000, serial: null });
    expect(kinds([noSerial])).toEqual([['usb-approved-device', 'lend-002']]);
    // The same model reporting a serial is not the approved serial-less model.
    expect(kinds([{ ...noSerial, serial: 'AA01' }])).toEqual([['usb-unapproved-device', 'usb.approved']]);
    // And a serial-less device of a model with a serial entry is unapproved, saying why.
    const r = run([stick({ serial: null })]);
    expect(r.findings[0]?.rule.reason?.ja).toContain('シリアル番号を報告しません');
  });

  it('two sticks sharing one serial are both unapproved when the policy says so, and allowed when it does not', () => {
    const pair = [stick({ location: '1-1' }), stick({ location: '1-2' })];
    expect(kinds(pair)).toEqual([
      ['usb-unapproved-device', 'usb.onDuplicateSerial'],
      ['usb-unapproved-device', 'usb.onDuplicateSerial'],
    ]);
    const lenient = policyWith((p) => (p.usb.onDuplicateSerial = 'allow'));
    expect(kinds(pair, lenient)).toEqual([
      ['usb-approved-device', 'lend-001'],
      ['usb-approved-device', 'lend-001'],
    ]);
    // They are still two findings: the location tells them apart.
    expect(new Set(run(pair).findings.map((f) => f.subject.key)).size).toBe(2);
  });

  it('a "stick" that also presents a keyboard interface does not match a mass-storage-only entry (BadUSB)', () => {
    expect(kinds([stick({ interfaceClasses: [0x08, 0x03] })])).toEqual([['usb-unapproved-device', 'usb.approved']]);
  });

  it('unknown devices follow the class rules: a keyboard is allowed, unknown mass storage is not', () => {
    const keyboard = stick({ vendorId: 0x046d, productId: 0xc31c, serial: null, interfaceClasses: [0x03], product: 'Keyboard' });
    const storage = stick({ vendorId: 0x1234, productId: 0x5678, serial: 'X1' });
    expect(kinds([keyboard, storage])).toEqual([['usb-unapproved-device', 'usb.approved']]);
    const hubOnlyByDeviceClass = stick({ vendorId: 0x1d6b, productId: 0x0002, serial: '0000:00:14.0', deviceClass: 0x09, interfaceClasses: [] });
    expect(kinds([hubOnlyByDeviceClass])).toEqual([]);
  });

  it('an expired approval is unapproved and says when it expired', () => {
    const p = policyWith((input) => (input.usb.approved[0]!.expires = '2026-11-01T00:00:00+09:00'));
    const r = run([stick()], p);
    expect(r.findings).toMatchObject([{ kind: 'usb-unapproved-device', rule: { id: 'lend-001' } }]);
    expect(r.findings[0]?.rule.reason?.en).toContain('2026-11-01');
  });

  it('onUnapproved "warn" does not ask for a report', () => {
    const p = policyWith((input) => (input.usb.onUnapproved = 'warn'));
    expect(run([stick({ serial: 'OTHER' })], p).findings[0]?.report).toBe(false);
  });

  it('unknown devices list → unknown with the reason, no findings', () => {
    const r = usbRule({ devices: { state: 'unknown', reason: 'no-usb-bus' } }, ctx());
    expect(r).toEqual({ findings: [], unknowns: [{ state: 'unknown', reason: 'no-usb-bus', fact: 'usb.devices' }] });
  });
});
