import type { ProbeSet } from '../probe';
import { notYetSupported } from '../not-supported';

export const windowsProbes: ProbeSet = notYetSupported('win32');
