import os from 'node:os';
import type { Observed } from '../../shared/observed';
import { known, unknown } from '../../shared/observed';
import type { Report } from '../../shared/report';

type Interfaces = Extract<Report['network'], { state: 'known' }>['value'];

/** IP and MAC addresses of every interface but loopback, as the OS reports them now. */
export function networkInterfaces(read: () => NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces): Observed<Interfaces> {
  try {
    return known(
      Object.entries(read()).flatMap(([name, infos]) => {
        const list = (infos ?? []).filter((i) => !i.internal);
        if (list.length === 0) return [];
        const mac = list.find((i) => i.mac && i.mac !== '00:00:00:00:00:00')?.mac ?? null;
        return [{ name, mac, addresses: list.map((i) => ({ family: i.family, address: i.address, cidr: i.cidr })) }];
      }),
    );
  } catch (e) {
    return unknown('probe-error', e instanceof Error ? e.message : String(e));
  }
}
