import type { Finding } from '../../src/shared/findings';
import type { Snapshot } from '../../src/shared/ipc/contract';

/** A finding as the agent produces it; tests override what they are about. */
export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: 'usb-unapproved-device/0123456789abcdef',
    kind: 'usb-unapproved-device',
    check: 'usb',
    severity: 'violation',
    subject: { type: 'usb-device', key: '1234:5678:X@1-1', label: 'ACME Stick', details: {} },
    rule: { id: 'usb.approved' },
    report: false,
    guidance: ['4章-3'],
    firstSeen: '2026-11-26T10:00:00.000Z',
    lastSeen: '2026-11-26T10:00:00.000Z',
    ...overrides,
  };
}

/** A snapshot valid against the contract. */
export function snapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    lang: 'ja',
    organization: { ja: '架空省', en: 'Fictional Ministry' },
    policy: { source: 'default', revision: 1, problems: [] },
    checks: [],
    trayState: 'compliant',
    contacts: [],
    checking: [],
    ...overrides,
  };
}
