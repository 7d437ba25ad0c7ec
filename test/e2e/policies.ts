import type { PolicyInput } from '../../src/shared/policy/schema';
import { examplePolicyInput } from '../support/policy';

/** The QEMU usb-storage stick the e2e policy lends out: QEMU fixes 46f4:0001, the serial is ours to choose. */
export const LENT_STICK = { vendorId: '46f4', productId: '0001', serial: 'MAMORI-LEND-001', entryId: 'lend-e2e-qemu' } as const;

/**
 * The shipped example policy (lend-001 0781:5567 with its serial, lend-002 090c:1000 "no serial",
 * classes 03/09/0e/e0 allowed without an entry, duplicate serials unapproved, Wi-Fi WPA2 minimum,
 * open networks forbidden) plus what the guest needs: the QEMU stick on the lending list, the
 * guest's Wi-Fi networks, and intervals that leave only the check under test running.
 */
export function e2ePolicy(intervals: Partial<PolicyInput['intervals']>): PolicyInput {
  const policy = examplePolicyInput();
  policy.intervals = { screenLockSeconds: 3600, softwareSeconds: 86_400, usbSeconds: 3600, wifiSeconds: 3600, ...intervals };
  policy.usb.approved.push({
    id: LENT_STICK.entryId,
    label: { ja: '貸出用USBメモリ（e2e）', en: 'Lending USB memory (e2e)' },
    vendorId: LENT_STICK.vendorId,
    productId: LENT_STICK.productId,
    serial: LENT_STICK.serial,
    interfaceClasses: ['08'],
    holder: '情報政策課',
    lendingLogRef: '貸出簿 e2e',
  });
  policy.wifi.approved.push(
    { ssid: 'Corp-WiFi', label: { ja: '庁内無線LAN（e2e）', en: 'Office wireless LAN (e2e)' } },
    { ssid: 'Lab-WiFi', minimumSecurity: 'wpa2-personal', label: { ja: '実験室無線LAN（e2e）', en: 'Lab wireless LAN (e2e)' } },
  );
  return policy;
}
