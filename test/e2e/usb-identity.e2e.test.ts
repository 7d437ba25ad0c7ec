import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/shared/findings';
import { recordLatency } from './harness/latency';
import { checked, cleared, MamoriWatcher, raised } from './harness/mamori-watcher';
import { UsbredirPeer, type UsbIdentity } from './harness/usbredir-peer';
import { GuestVm } from './harness/vm';
import { e2ePolicy } from './policies';

/**
 * Devices QEMU cannot emulate (any vendor id, product id, serial, strings, interface class) presented
 * through QEMU's usb-redir device by this repository's usbredir peer. The guest enumerates them with
 * its real USB stack; Mamori judges them by the example policy's lending list and class rules.
 */
const TARGET = 'attach → finding < 1 s';
const MASS_STORAGE = [0x08, 0x06, 0x50] as const;
const KEYBOARD = [0x03, 0x01, 0x01] as const;
const ids = (d: UsbIdentity) => (f: Finding) => f.subject.details.vendorId === d.vendorId.toString(16).padStart(4, '0') && f.subject.details.productId === d.productId.toString(16).padStart(4, '0');

const UNKNOWN_STICK: UsbIdentity = { vendorId: 0x0951, productId: 0x1666, manufacturer: 'Kingston', product: 'DataTraveler 3.0', serial: 'E0D55EA574C1F5B0B9A7', interface: MASS_STORAGE };
const UNKNOWN_KEYBOARD: UsbIdentity = { vendorId: 0x046d, productId: 0xc31c, manufacturer: 'Logitech', product: 'USB Keyboard', serial: null, interface: KEYBOARD };
/** The example policy's lend-002: a model without serial, approved as such ({ absent: true }). */
const LENT_NO_SERIAL: UsbIdentity = { vendorId: 0x090c, productId: 0x1000, manufacturer: 'Silicon Motion', product: 'Flash Disk', serial: null, interface: MASS_STORAGE };
const UNKNOWN_NO_SERIAL: UsbIdentity = { vendorId: 0x1234, productId: 0x5678, manufacturer: 'Generic', product: 'Mass Storage', serial: null, interface: MASS_STORAGE };

describe('made-up USB devices through usb-redir', () => {
  let vm: GuestVm;
  let watcher: MamoriWatcher;
  let peer: UsbredirPeer;

  /** Presents a device; the host time its device_connect was sent. */
  function plug(identity: UsbIdentity): number {
    peer.plug(identity);
    return performance.now();
  }

  /** Unplugs the device and waits until the guest's kernel has let go of it. */
  async function unplug(identity: UsbIdentity): Promise<void> {
    peer.unplug();
    const product = identity.productId.toString(16).padStart(4, '0');
    await vm.exec.check(`for i in $(seq 50); do grep -qs ${product} /sys/bus/usb/devices/*/idProduct || exit 0; usleep 100000; done; exit 1`);
  }

  beforeAll(async () => {
    vm = await GuestVm.boot(['usb']);
    watcher = await MamoriWatcher.start(vm, e2ePolicy({}), ['usb']);
    // QEMU connects to the peer as a client chardev; usb-redir then says hello.
    const socket = path.join(vm.runDir, 'redir.sock');
    peer = await UsbredirPeer.listen(socket);
    await vm.qmp.execute('chardev-add', { id: 'redir0', backend: { type: 'socket', data: { addr: { type: 'unix', data: { path: socket } }, server: false } } });
    await vm.qmp.execute('device_add', { driver: 'usb-redir', chardev: 'redir0', id: 'redir0', bus: 'xhci.0' });
    await peer.ready;
  });

  // A failed test must not leave its device for the next one.
  afterEach(async () => {
    if (peer.plugged) await unplug(peer.plugged);
  });

  afterAll(async () => {
    await peer?.close();
    await vm?.quit();
  });

  it('an unknown vendor and product with the mass-storage class: a violation (no entry, class 08 not allowed)', async ({ task }) => {
    const from = watcher.cursor;
    const plugged = plug(UNKNOWN_STICK);
    const violation = await watcher.next(raised('usb-unapproved-device', ids(UNKNOWN_STICK)), { from, timeoutMs: 20_000, what: 'the violation' });
    recordLatency(task, { what: 'USB attach → violation (usb-redir, unknown stick)', ms: violation.at - plugged, target: TARGET });
    if (violation.event.event !== 'raised') throw new Error('unreachable');
    expect(violation.event.finding).toMatchObject({
      severity: 'violation',
      rule: { id: 'usb.approved' },
      guidance: ['4章-3'],
      subject: { label: 'Kingston DataTraveler 3.0', details: { serial: UNKNOWN_STICK.serial, interfaceClasses: '08' } },
    });

    await unplug(UNKNOWN_STICK);
    await watcher.next(cleared(violation.event.finding.id), { from, timeoutMs: 20_000, what: 'the violation to clear' });
  });

  it('an unknown vendor and product with the keyboard class: allowed by the class rule (03), no finding', async () => {
    const from = watcher.cursor;
    plug(UNKNOWN_KEYBOARD);
    const check = await watcher.next(checked('usb'), { from, timeoutMs: 20_000, what: 'the USB check the attach triggers' });
    expect(watcher.since(from).filter((e) => e.event === 'raised')).toEqual([]);
    expect(check.event).toMatchObject({ status: 'pass' });
    // The same probe, asked directly, sees the keyboard and its class: it was judged, not missed.
    const listed = JSON.parse(await vm.exec.check('cd /app && node bin/mamori.js usb list --json')) as { vendorId: string; interfaceClasses: string[] }[];
    expect(listed).toContainEqual(expect.objectContaining({ vendorId: '046d', productId: 'c31c', interfaceClasses: ['03'] }));
    await unplug(UNKNOWN_KEYBOARD);
  });

  it('no serial: the approved serial-less model is approved; an unknown serial-less stick is a violation that says so', async ({ task }) => {
    let from = watcher.cursor;
    let plugged = plug(LENT_NO_SERIAL);
    const reminder = await watcher.next(raised('usb-approved-device', ids(LENT_NO_SERIAL)), { from, timeoutMs: 20_000, what: 'the approval reminder' });
    // 090c:1000 has USB_QUIRK_DELAY_INIT in the kernel (drivers/usb/core/quirks.c): enumeration itself takes ≈2.4 s here.
    recordLatency(task, { what: 'USB attach → approval reminder (usb-redir, 090c:1000 no serial, kernel init delay quirk)', ms: reminder.at - plugged, target: TARGET });
    expect(reminder.event).toMatchObject({ finding: { rule: { id: 'lend-002' }, subject: { details: { serial: null, serialKnown: true } } } });
    expect(watcher.since(from).filter(raised('usb-unapproved-device'))).toEqual([]);
    await unplug(LENT_NO_SERIAL);

    from = watcher.cursor;
    plugged = plug(UNKNOWN_NO_SERIAL);
    const violation = await watcher.next(raised('usb-unapproved-device', ids(UNKNOWN_NO_SERIAL)), { from, timeoutMs: 20_000, what: 'the violation' });
    recordLatency(task, { what: 'USB attach → violation (usb-redir, no serial)', ms: violation.at - plugged, target: TARGET });
    expect(violation.event).toMatchObject({
      finding: { rule: { id: 'usb.approved', reason: { en: 'This device reports no serial number.' } }, guidance: ['4章-3'], subject: { details: { serial: null } } },
    });
    await unplug(UNKNOWN_NO_SERIAL);
    await watcher.next(cleared(violation.event.event === 'raised' ? violation.event.finding.id : ''), { from, timeoutMs: 20_000, what: 'the violation to clear' });
  });
});
