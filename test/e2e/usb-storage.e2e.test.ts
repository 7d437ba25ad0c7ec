import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/shared/findings';
import { recordLatency } from './harness/latency';
import { cleared, MamoriWatcher, raised } from './harness/mamori-watcher';
import { GuestVm, STICK_DRIVES } from './harness/vm';
import { e2ePolicy, LENT_STICK } from './policies';

/**
 * QEMU's own usb-storage stick (a real block device in the guest) plugged into the guest's xHCI
 * controller through QMP: kernel → udevd → libusb hot-plug (node-usb) → Mamori's USB check (sysfs).
 * The USB interval is an hour, so every finding below comes from the hot-plug path, not from polling.
 */
const TARGET = 'attach → finding < 1 s';
const serialIs = (serial: string) => (f: Finding) => f.subject.details.serial === serial;

describe('USB sticks plugged into the guest (QEMU usb-storage)', () => {
  let vm: GuestVm;
  let watcher: MamoriWatcher;
  const plugged = new Set<string>();

  /** Plugs a stick with this serial; the host time the plug returned. */
  async function plug(id: string, drive: (typeof STICK_DRIVES)[number], serial: string): Promise<number> {
    await vm.qmp.execute('device_add', { driver: 'usb-storage', bus: 'xhci.0', drive, id, serial, removable: true });
    plugged.add(id);
    return performance.now();
  }

  async function unplug(id: string): Promise<number> {
    const at = performance.now();
    await vm.qmp.deleteDevice(id);
    plugged.delete(id);
    return at;
  }

  beforeAll(async () => {
    vm = await GuestVm.boot(['usb']);
    watcher = await MamoriWatcher.start(vm, e2ePolicy({}), ['usb']);
  });

  // A failed test must not leave its sticks (and their drives) for the next one.
  afterEach(async () => {
    for (const id of plugged) await unplug(id);
  });

  afterAll(async () => {
    await vm?.quit();
  });

  it('an approved stick (vendor, product and serial on the lending list): no violation, the approval reminder is raised', async ({ task }) => {
    const from = watcher.cursor;
    const plugged = await plug('lent', 'stick0', LENT_STICK.serial);
    const reminder = await watcher.next(raised('usb-approved-device', serialIs(LENT_STICK.serial)), { from, timeoutMs: 20_000, what: 'the approval reminder' });
    recordLatency(task, { what: 'USB attach → approval reminder (usb-storage)', ms: reminder.at - plugged, target: TARGET });

    if (reminder.event.event !== 'raised') throw new Error('unreachable');
    expect(reminder.event.finding).toMatchObject({
      severity: 'info',
      rule: { id: LENT_STICK.entryId },
      guidance: ['4章-3'],
      subject: { details: { vendorId: LENT_STICK.vendorId, productId: LENT_STICK.productId, interfaceClasses: '08', holder: '情報政策課' } },
    });
    expect(watcher.since(from).filter(raised('usb-unapproved-device'))).toEqual([]);
    // A real stick: the guest's kernel makes a SCSI disk of it (after usb-storage's 1 s settle delay).
    expect(await vm.exec.check('for i in $(seq 50); do [ -e /sys/block/sda ] && break; usleep 100000; done; cat /sys/block/sda/device/model')).toMatch(/QEMU HARDDISK/);

    const unplugged = await unplug('lent');
    const gone = await watcher.next(cleared(reminder.event.finding.id), { from, timeoutMs: 20_000, what: 'the reminder to clear' });
    recordLatency(task, { what: 'USB detach → cleared (usb-storage)', ms: gone.at - unplugged, target: 'detach → cleared < 1 s' });
  });

  it('the same model with another serial: a violation with the 4章-3 guidance, which clears when unplugged', async ({ task }) => {
    const from = watcher.cursor;
    const plugged = await plug('other', 'stick0', 'PRIVATE-STICK-42');
    const violation = await watcher.next(raised('usb-unapproved-device', serialIs('PRIVATE-STICK-42')), { from, timeoutMs: 20_000, what: 'the violation' });
    recordLatency(task, { what: 'USB attach → violation (usb-storage, other serial)', ms: violation.at - plugged, target: TARGET });
    if (violation.event.event !== 'raised') throw new Error('unreachable');
    expect(violation.event.finding).toMatchObject({
      severity: 'violation',
      rule: { id: 'usb.approved' },
      guidance: ['4章-3'],
      report: true, // the example policy says warn-and-report
      subject: { details: { vendorId: LENT_STICK.vendorId, productId: LENT_STICK.productId, serial: 'PRIVATE-STICK-42' } },
    });
    expect(violation.event.finding.message).toContain('QEMU');

    const unplugged = await unplug('other');
    const gone = await watcher.next(cleared(violation.event.finding.id), { from, timeoutMs: 20_000, what: 'the violation to clear' });
    recordLatency(task, { what: 'USB detach → cleared (usb-storage)', ms: gone.at - unplugged, target: 'detach → cleared < 1 s' });
  });

  it('two sticks sharing the approved serial: neither can be the one lent, both are violations (onDuplicateSerial "unapproved")', async ({ task }) => {
    const from = watcher.cursor;
    await plug('first', 'stick0', LENT_STICK.serial);
    const approved = await watcher.next(raised('usb-approved-device'), { from, timeoutMs: 20_000, what: 'the first stick approved' });

    const second = watcher.cursor;
    const plugged = await plug('second', 'stick1', LENT_STICK.serial);
    const duplicate = raised('usb-unapproved-device', (f) => serialIs(LENT_STICK.serial)(f) && f.rule.id === 'usb.onDuplicateSerial');
    const firstViolation = await watcher.next(duplicate, { from: second, timeoutMs: 20_000, what: 'a duplicate-serial violation' });
    recordLatency(task, { what: 'USB attach → duplicate-serial violations', ms: firstViolation.at - plugged, target: TARGET });
    await watcher.next(cleared(approved.event.event === 'raised' ? approved.event.finding.id : ''), { from: second, timeoutMs: 20_000, what: 'the approval to clear' });
    const violations = watcher.since(second).filter(duplicate);
    expect(violations).toHaveLength(2);
    // Two devices, two findings: each keyed on its own port.
    expect(new Set(violations.map((e) => (e.event === 'raised' ? e.finding.subject.details.location : null))).size).toBe(2);

    await unplug('second');
    await unplug('first');
    for (const v of violations) if (v.event === 'raised') await watcher.next(cleared(v.finding.id), { from: second, timeoutMs: 20_000, what: 'each violation to clear' });
  });
});
