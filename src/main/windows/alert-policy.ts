import type { Finding } from '../../shared/findings';

/**
 * Which newly announced finding, if any, opens the alert window. Violations do (the policy decides
 * what is a violation: an unapproved USB device, an open or unapproved Wi-Fi, denied software, an
 * unlocked PC); so does an approved USB stick, whose alert is the short 4章-3 reminder (lending log,
 * encryption, never leave it). Warnings only notify. Takes the notifier's choice, so the alert
 * window is rate-limited exactly like notifications, and there is only ever one alert window.
 */
export function alertFinding(announced: readonly Finding[]): Finding | undefined {
  return announced.find((f) => f.severity === 'violation') ?? announced.find((f) => f.kind === 'usb-approved-device');
}
