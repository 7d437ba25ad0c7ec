import type { Platform } from '../../shared/checks';
import { darwinProbes } from './darwin';
import { linuxProbes } from './linux';
import type { ProbeSet } from './probe';
import { windowsProbes } from './windows';

const PROBES: Record<Platform, ProbeSet> = { win32: windowsProbes, darwin: darwinProbes, linux: linuxProbes };

/** The probes for the platform a host reports: a bundle from a Windows PC gets the Windows probes, on any machine. */
export const probesFor = (platform: Platform): ProbeSet => PROBES[platform];
