import { z } from 'zod';
import { observed } from './observed';

/**
 * Facts are what probes observed on the PC, before any policy is applied.
 * Every OS probe produces these same shapes; rules never see OS-specific output.
 */

/** One place a lock setting came from, kept as evidence: auditors want to know which control satisfied the rule. */
export const LockEvidence = z.object({
  source: z.string().max(200), // e.g. "gsettings org.gnome.desktop.session idle-delay", "HKCU\\...\\ScreenSaveTimeOut"
  value: z.string().max(500),
});

export const ScreenLockConfig = z.object({
  /** Seconds of inactivity after which the screen locks with a password; null = it never locks by itself. */
  lockAfterSeconds: z.number().int().nonnegative().nullable(),
  /** Whether a password is required when the PC resumes from sleep; null = the OS does not tell us. */
  passwordOnResume: z.boolean().nullable(),
  evidence: z.array(LockEvidence),
});
export type ScreenLockConfig = z.infer<typeof ScreenLockConfig>;

export const SessionState = z.object({
  locked: z.boolean(),
  /** Seconds since the last user input; null when the OS does not tell us. */
  idleSeconds: z.number().nonnegative().nullable(),
});
export type SessionState = z.infer<typeof SessionState>;

export const ScreenLockFacts = z.object({
  config: observed(ScreenLockConfig),
  session: observed(SessionState),
});
export type ScreenLockFacts = z.infer<typeof ScreenLockFacts>;

export const InstalledSoftware = z.object({
  name: z.string().max(1000),
  version: z.string().max(200).nullable(),
  publisher: z.string().max(1000).nullable(),
  /** Package or bundle identifier where the source has one (dpkg package, flatpak app id, bundle id, registry key). */
  identifier: z.string().max(1000).nullable(),
  /** macOS signing Team ID (from the leaf certificate), usable in rules. */
  teamId: z.string().max(20).nullable().optional(),
  /** Which inventory produced it: dpkg, rpm, flatpak, snap, registry-hklm, registry-hklm-wow64, registry-hkcu, macos-apps. */
  source: z.string().max(40),
});
export type InstalledSoftware = z.infer<typeof InstalledSoftware>;

export const RunningProcess = z.object({
  pid: z.number().int().nonnegative(),
  name: z.string().max(1000),
  path: z.string().max(4000).nullable(),
});
export type RunningProcess = z.infer<typeof RunningProcess>;

export const SoftwareFacts = z.object({
  installed: observed(z.array(InstalledSoftware)),
  running: observed(z.array(RunningProcess)),
});
export type SoftwareFacts = z.infer<typeof SoftwareFacts>;

export const UsbDevice = z.object({
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  /** The iSerial string; null when the device reports none (or the OS could not read it, see serialKnown). */
  serial: z.string().max(255).nullable(),
  /** false when the OS could not read the serial at all: then a serial rule cannot be decided. */
  serialKnown: z.boolean(),
  deviceClass: z.number().int().min(0).max(0xff),
  /** Distinct bInterfaceClass values of the active configuration; empty when the OS did not expose them. */
  interfaceClasses: z.array(z.number().int().min(0).max(0xff)),
  manufacturer: z.string().max(255).nullable(),
  product: z.string().max(255).nullable(),
  /** Where it is plugged in, to tell apart two devices with the same identity (bus-port path, or PnP location). */
  location: z.string().max(255),
});
export type UsbDevice = z.infer<typeof UsbDevice>;

export const UsbFacts = z.object({ devices: observed(z.array(UsbDevice)) });
export type UsbFacts = z.infer<typeof UsbFacts>;

/** Ordered weakest to strongest; see wifiSecurityRank. */
export const WifiSecurity = z.enum([
  'open',
  'owe', // Enhanced Open: encrypted, no authentication
  'wep',
  'wpa-personal',
  'wpa-enterprise',
  'wpa2-personal',
  'wpa2-enterprise',
  'wpa3-personal',
  'wpa3-enterprise',
]);
export type WifiSecurity = z.infer<typeof WifiSecurity>;

export const WifiConnection = z.object({
  /** The SSID may be withheld by the OS (macOS, Windows 11 without location permission). */
  ssid: observed(z.string().max(64)),
  bssid: z.string().max(17).nullable(),
  security: observed(WifiSecurity),
  interface: z.string().max(100).nullable(),
});
export type WifiConnection = z.infer<typeof WifiConnection>;

export const WifiFacts = z.object({
  /** The connections now up (usually one); an empty list means Wi-Fi is not connected. */
  connections: observed(z.array(WifiConnection)),
});
export type WifiFacts = z.infer<typeof WifiFacts>;

export const Facts = z.object({
  'screen-lock': ScreenLockFacts,
  software: SoftwareFacts,
  usb: UsbFacts,
  wifi: WifiFacts,
});
export type Facts = z.infer<typeof Facts>;
