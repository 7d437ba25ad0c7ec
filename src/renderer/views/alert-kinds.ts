import type { FindingKind } from '../../shared/findings';
import type { Contact } from '../../shared/policy/schema';
import type { MessageKey } from '../../shared/i18n';

/** The alert windows: one layout per kind of problem, as the booklet treats them. */
export type AlertLayout = 'usb-unapproved' | 'usb-approved' | 'wifi' | 'software' | 'screen-lock';

export interface AlertSpec {
  title: MessageKey;
  /** The first steps, in the order to take them. */
  steps: readonly MessageKey[];
  /** Each button asks main to open a mail to a policy contact about this finding. */
  buttons: readonly { label: MessageKey; role: Contact['role'] }[];
  /** A reminder (approved USB memory) stays short: no contact block. */
  reminder: boolean;
}

export const LAYOUT_OF: Record<FindingKind, AlertLayout> = {
  'usb-unapproved-device': 'usb-unapproved',
  'usb-approved-device': 'usb-approved',
  'wifi-open-network': 'wifi',
  'wifi-unapproved-network': 'wifi',
  'wifi-weak-security': 'wifi',
  'wifi-unknown-access-point': 'wifi',
  'software-denied-installed': 'software',
  'software-unapproved-installed': 'software',
  'software-denied-running': 'software',
  'screen-lock-disabled': 'screen-lock',
  'screen-lock-too-slow': 'screen-lock',
  'screen-lock-no-password-on-resume': 'screen-lock',
  'screen-left-unlocked': 'screen-lock',
};

export const ALERTS: Record<AlertLayout, AlertSpec> = {
  // 4章-3: take it out, use the organisation's memory, and ask (approval) or tell (CSIRT).
  'usb-unapproved': {
    title: 'ui.alert.usb-unapproved.title',
    steps: [
      'ui.alert.usb-unapproved.step.remove',
      'ui.alert.usb-unapproved.step.no-files',
      'ui.alert.usb-unapproved.step.approved',
      'ui.alert.usb-unapproved.step.contact',
    ],
    buttons: [
      { label: 'ui.alert.request-approval', role: 'security-officer' },
      { label: 'ui.alert.report', role: 'csirt' },
    ],
    reminder: false,
  },
  // 4章-3 for a stick that is allowed: the lending log, encryption, never left lying about.
  'usb-approved': {
    title: 'ui.alert.usb-approved.title',
    steps: ['ui.alert.usb-approved.step.log', 'ui.alert.usb-approved.step.encrypt', 'ui.alert.usb-approved.step.keep'],
    buttons: [],
    reminder: true,
  },
  // 2章-1 and 4章-7: only approved networks, never free Wi-Fi.
  wifi: {
    title: 'ui.alert.wifi.title',
    steps: ['ui.alert.wifi.step.disconnect', 'ui.alert.wifi.step.approved', 'ui.alert.wifi.step.tell'],
    buttons: [
      { label: 'ui.alert.ask-helpdesk', role: 'lan-helpdesk' },
      { label: 'ui.alert.report', role: 'csirt' },
    ],
    reminder: false,
  },
  // 2章-2 and 3章-2: only software and services the organisation allows.
  software: {
    title: 'ui.alert.software.title',
    steps: ['ui.alert.software.step.stop', 'ui.alert.software.step.remove', 'ui.alert.software.step.approval'],
    buttons: [
      { label: 'ui.alert.request-approval', role: 'security-officer' },
      { label: 'ui.alert.ask-helpdesk', role: 'lan-helpdesk' },
    ],
    reminder: false,
  },
  // 2章-1: lock when away, and keep the automatic lock as set.
  'screen-lock': {
    title: 'ui.alert.screen-lock.title',
    steps: ['ui.alert.screen-lock.step.lock', 'ui.alert.screen-lock.step.setting'],
    buttons: [{ label: 'ui.alert.ask-helpdesk', role: 'lan-helpdesk' }],
    reminder: false,
  },
};
