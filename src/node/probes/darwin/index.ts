import type { ProbeSet } from '../probe';
import { notYetSupported } from '../not-supported';

export const darwinProbes: ProbeSet = notYetSupported('darwin');
