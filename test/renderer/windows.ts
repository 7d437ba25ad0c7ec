import { alertRoute, findingRoute } from './fixtures';
import { autoLockOff, dropboxInstalled, guestWifi, unknownStick, type TestAgent } from './support/agent';
import { lentStick } from '../support/usb-devices';

/** Something for every window at once: two sticks, an open network, a denied program, auto-lock off. */
export async function everythingWrong(agent: TestAgent): Promise<void> {
  agent.boundary.usb = [unknownStick, lentStick];
  agent.boundary.wifi = [guestWifi];
  agent.boundary.software = dropboxInstalled;
  agent.boundary.screenLock = autoLockOff;
  await agent.recheck();
}

export interface WindowCase {
  name: string;
  route(agent: TestAgent): string;
  /** The size main opens it at: alerts are narrow. */
  size: { width: number; height: number };
}

const wide = { width: 1024, height: 800 };
const medium = { width: 900, height: 800 };
const narrow = { width: 720, height: 800 };

/** Every window the tray app opens, reached by route. */
export const WINDOWS: readonly WindowCase[] = [
  { name: 'status', route: () => '/status', size: wide },
  { name: 'finding', route: (a) => findingRoute(a.finding('usb-unapproved-device').id), size: medium },
  { name: 'alert-usb-unapproved', route: (a) => alertRoute(a.finding('usb-unapproved-device').id), size: narrow },
  { name: 'alert-usb-approved', route: (a) => alertRoute(a.finding('usb-approved-device').id), size: narrow },
  { name: 'alert-wifi', route: (a) => alertRoute(a.finding('wifi-open-network').id), size: narrow },
  { name: 'alert-software', route: (a) => alertRoute(a.finding('software-denied-installed').id), size: narrow },
  { name: 'alert-screen-lock', route: (a) => alertRoute(a.finding('screen-lock-disabled').id), size: narrow },
  { name: 'booklet', route: () => '/booklet', size: medium },
  { name: 'booklet-section', route: () => `/booklet/${encodeURIComponent('4章-3')}`, size: medium },
  { name: 'contacts', route: () => '/contacts', size: medium },
  { name: 'report', route: () => '/report', size: medium },
  { name: 'report-infection', route: () => '/report/infection', size: medium },
];
