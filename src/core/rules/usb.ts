import type { UsbDevice, UsbFacts } from '../../shared/facts';
import type { ApprovedUsbDevice, Policy } from '../../shared/policy/schema';
import type { LocalizedText } from '../../shared/localized';
import { localized } from '../../shared/i18n';
import type { CheckOutcome, DraftFinding, RuleContext } from '../outcome';
import { unknownFact } from '../outcome';

const GUIDANCE = ['4章-3'] as const;
const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');

/** The classes a device presents: its interfaces, or the device class when interfaces are not exposed. */
function classesOf(d: UsbDevice): number[] {
  if (d.interfaceClasses.length > 0) return d.interfaceClasses;
  return d.deviceClass !== 0 ? [d.deviceClass] : [];
}

/** Whether the device reads as this entry; never guesses: an unreadable serial cannot match a serial rule. */
export function entryMatches(entry: ApprovedUsbDevice, d: UsbDevice): boolean {
  if (entry.vendorId !== undefined && entry.vendorId !== d.vendorId) return false;
  if (entry.productId !== undefined && entry.productId !== d.productId) return false;
  if (entry.serial !== undefined) {
    if (!d.serialKnown) return false;
    if (typeof entry.serial === 'object') {
      if (d.serial !== null) return false;
    } else if (d.serial === null || d.serial.toUpperCase() !== entry.serial.toUpperCase()) {
      // Windows PnP instance ids upper-case serials; compare case-insensitively on every OS alike.
      return false;
    }
  }
  if (entry.interfaceClasses !== undefined) {
    const classes = classesOf(d);
    if (classes.length === 0 || !classes.every((c) => entry.interfaceClasses!.includes(c))) return false;
  }
  return true;
}

const identityOf = (d: UsbDevice) => `${hex(d.vendorId, 4)}:${hex(d.productId, 4)}:${d.serial ?? ''}`;

type Verdict = { approved: true; entry: ApprovedUsbDevice } | { approved: 'class' } | { approved: false; ruleId: string; reason?: LocalizedText };

function judge(d: UsbDevice, usb: Policy['usb'], duplicated: boolean, now: Date): Verdict {
  const matches = usb.approved.filter((e) => entryMatches(e, d));
  const current = matches.find((e) => e.expires === undefined || Date.parse(e.expires) > now.getTime());
  if (current && duplicated && d.serial !== null && current.serial !== undefined && usb.onDuplicateSerial === 'unapproved') {
    return { approved: false, ruleId: 'usb.onDuplicateSerial', reason: localized('reason.usb-duplicate-serial') };
  }
  if (current) return { approved: true, entry: current };
  if (matches[0]?.expires !== undefined) {
    return { approved: false, ruleId: matches[0].id, reason: localized('reason.usb-approval-expired', { expires: matches[0].expires }) };
  }
  const classes = classesOf(d);
  if (classes.length > 0 && classes.every((c) => usb.allowedClasses.includes(c))) return { approved: 'class' };
  const reason = d.serialKnown && d.serial === null ? localized('reason.usb-no-serial') : undefined;
  return reason ? { approved: false, ruleId: 'usb.approved', reason } : { approved: false, ruleId: 'usb.approved' };
}

/** Each attached device against the approved list (USBGuard-style: vendor, product, serial, interface classes). */
export function usbRule(facts: UsbFacts, { policy, now }: RuleContext): CheckOutcome {
  if (facts.devices.state === 'unknown') return { findings: [], unknowns: [unknownFact('usb.devices', facts.devices)] };
  const devices = facts.devices.value;
  const count = new Map<string, number>();
  for (const d of devices) if (d.serial !== null) count.set(identityOf(d), (count.get(identityOf(d)) ?? 0) + 1);

  const findings: DraftFinding[] = [];
  for (const d of devices) {
    const verdict = judge(d, policy.usb, (count.get(identityOf(d)) ?? 0) > 1, now);
    if (verdict.approved === 'class') continue;
    const subject: DraftFinding['subject'] = {
      type: 'usb-device',
      key: `${identityOf(d)}@${d.location}`,
      label: [d.manufacturer, d.product].filter(Boolean).join(' ') || `${hex(d.vendorId, 4)}:${hex(d.productId, 4)}`,
      details: {
        vendorId: hex(d.vendorId, 4),
        productId: hex(d.productId, 4),
        serial: d.serialKnown ? d.serial : null,
        serialKnown: d.serialKnown,
        interfaceClasses: classesOf(d).map((c) => hex(c, 2)).join(','),
        manufacturer: d.manufacturer,
        product: d.product,
        location: d.location,
      },
    };
    if (verdict.approved) {
      findings.push({
        kind: 'usb-approved-device',
        severity: 'info',
        subject: {
          ...subject,
          label: verdict.entry.label.ja,
          details: { ...subject.details, holder: verdict.entry.holder ?? null, lendingLogRef: verdict.entry.lendingLogRef ?? null },
        },
        rule: { id: verdict.entry.id, reason: verdict.entry.label },
        report: false,
        guidance: [...GUIDANCE],
      });
    } else {
      findings.push({
        kind: 'usb-unapproved-device',
        severity: 'violation',
        subject,
        rule: verdict.reason ? { id: verdict.ruleId, reason: verdict.reason } : { id: verdict.ruleId },
        report: policy.usb.onUnapproved === 'warn-and-report',
        guidance: [...GUIDANCE],
      });
    }
  }
  return { findings, unknowns: [] };
}
