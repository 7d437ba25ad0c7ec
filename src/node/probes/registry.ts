import type { Platform } from '../../shared/checks';
import { unknown } from '../../shared/observed';
import { linuxProbes } from './linux';
import type { Probe, ProbeSet } from './probe';
import { unknownFacts } from './probe';

/** Until a platform has its probes, every check there says so plainly: unknown, never pass. */
function notYetSupported(platform: Platform): ProbeSet {
  const probe = <K extends keyof ProbeSet>(check: K): Probe<K> => ({
    check,
    collect: async () => unknownFacts(check, unknown('not-supported', `${platform} probes`)),
  });
  return { 'screen-lock': probe('screen-lock'), software: probe('software'), usb: probe('usb'), wifi: probe('wifi') };
}

/** The probes for the platform a host reports (a bundle from Windows gets the Windows probes). */
export function probesFor(platform: Platform): ProbeSet {
  return platform === 'linux' ? linuxProbes : notYetSupported(platform);
}
