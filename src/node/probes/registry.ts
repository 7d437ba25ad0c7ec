import type { Platform } from '../../shared/checks';
import type { ProbeSet } from './probe';

/**
 * The probes for the platform a host reports: a bundle from a Windows PC gets the Windows probes,
 * on any machine. Imported on demand, so the agent on a PC carries only its own platform's code.
 */
const LOADERS: Record<Platform, () => Promise<ProbeSet>> = {
  win32: async () => (await import('./windows/index.js')).windowsProbes,
  darwin: async () => (await import('./darwin/index.js')).darwinProbes,
  linux: async () => (await import('./linux/index.js')).linuxProbes,
};

export const probesFor = (platform: Platform): Promise<ProbeSet> => LOADERS[platform]();
