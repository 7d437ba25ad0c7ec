import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ExecChannel } from './exec-channel';
import { guestImage } from './guest-image';
import { LineLog } from './lines';
import { Qmp } from './qmp';

/** Kernel module sets the guest loads at boot (guest/rootfs/etc/e2e/modules-*). */
export type ModuleSet = 'usb' | 'wifi' | 'net';

/** Block devices for QEMU's usb-storage sticks: `-blockdev` nodes survive unplug, so a stick can be plugged again. */
export const STICK_DRIVES = ['stick0', 'stick1'] as const;

/** However a test ends, no QEMU outlives this (a hung guest must not hold CI for its 90 minutes). */
const GUARD_MS = 10 * 60_000;
const BOOT_TIMEOUT_MS = 90_000;

async function connectWhenListening(socketPath: string, qemu: ChildProcess, timeoutMs = 20_000): Promise<net.Socket> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (qemu.exitCode !== null || qemu.signalCode !== null) throw new Error(`QEMU exited before ${socketPath} existed`);
    if (existsSync(socketPath)) {
      const socket = net.connect(socketPath);
      const connected = await new Promise<boolean>((resolve) => socket.once('connect', () => resolve(true)).once('error', () => resolve(false)));
      if (connected) return socket;
    }
    if (performance.now() > deadline) throw new Error(`${socketPath} not listening within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A Linux guest under QEMU (TCG: no KVM on CI) booted from the e2e image, with:
 *   console  ttyS0: init's "E2E …" markers and kernel messages (QEMU's stdout)
 *   exec     ttyS1: shell commands (ExecChannel)
 *   events   ttyS2: what Mamori's watcher prints (MamoriWatcher)
 *   qmp      QEMU's control socket: plug and unplug devices
 * and an xHCI controller (bus "xhci.0") with two stick images ready for usb-storage.
 */
export class GuestVm {
  private constructor(
    readonly runDir: string,
    private readonly qemu: ChildProcess,
    readonly console: LineLog,
    readonly events: LineLog,
    readonly exec: ExecChannel,
    readonly qmp: Qmp,
    readonly bootMs: number,
  ) {}

  static async boot(modules: readonly ModuleSet[]): Promise<GuestVm> {
    const image = guestImage();
    const started = performance.now();
    // Short paths: a unix socket path must fit in 108 bytes.
    const runDir = mkdtempSync(path.join(os.tmpdir(), 'mamori-e2e-'));
    for (const drive of STICK_DRIVES) {
      writeFileSync(path.join(runDir, `${drive}.img`), '');
      truncateSync(path.join(runDir, `${drive}.img`), 16 * 1024 * 1024);
    }
    const socket = (name: string) => path.join(runDir, `${name}.sock`);
    const args = [
      '-M', 'pc', '-accel', 'tcg', '-cpu', 'max', '-smp', '1', '-m', '1024',
      '-display', 'none', '-monitor', 'none', '-no-reboot', '-nic', 'none',
      '-serial', 'stdio',
      '-chardev', `socket,id=exec,path=${socket('exec')},server=on,wait=off`, '-serial', 'chardev:exec',
      '-chardev', `socket,id=events,path=${socket('events')},server=on,wait=off`, '-serial', 'chardev:events',
      '-kernel', image.kernel, '-initrd', image.initrd,
      '-append', `console=ttyS0 quiet loglevel=3 panic=-1 random.trust_cpu=on e2e.modules=${modules.join(',')}`,
      '-device', 'qemu-xhci,id=xhci',
      ...STICK_DRIVES.flatMap((drive) => ['-blockdev', `driver=raw,node-name=${drive},file.driver=file,file.filename=${path.join(runDir, `${drive}.img`)}`]),
      '-qmp', `unix:${socket('qmp')},server=on,wait=off`,
    ];
    const qemu = spawn('qemu-system-x86_64', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const kill = () => qemu.kill('SIGKILL');
    setTimeout(kill, GUARD_MS).unref();
    process.once('exit', kill);
    qemu.once('exit', () => process.off('exit', kill));

    const consoleLog = new LineLog('console');
    qemu.stdout.on('data', (chunk: Buffer) => consoleLog.feed(chunk));
    qemu.stderr.on('data', (chunk: Buffer) => consoleLog.feed(chunk.toString().replace(/^/gm, 'qemu: ')));
    qemu.once('exit', () => consoleLog.close());
    try {
      const exec = new ExecChannel(await connectWhenListening(socket('exec'), qemu));
      const events = new LineLog('events');
      const eventsSocket = await connectWhenListening(socket('events'), qemu);
      eventsSocket.on('data', (chunk) => events.feed(chunk));
      eventsSocket.on('close', () => events.close());
      const qmp = await Qmp.connect(socket('qmp'));
      await consoleLog.waitFor(/^E2E READY/, { timeoutMs: BOOT_TIMEOUT_MS, what: 'the guest to boot' });
      const failed = consoleLog.lines.find((l) => l.text.startsWith('E2E FAILED'));
      if (failed) throw new Error(`guest boot: ${failed.text}\n${consoleLog.tail()}`);
      return new GuestVm(runDir, qemu, consoleLog, events, exec, qmp, performance.now() - started);
    } catch (error) {
      kill();
      rmSync(runDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Ends QEMU (QMP quit, SIGKILL if it lingers) and deletes the run folder. */
  async quit(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.qemu.exitCode !== null || this.qemu.signalCode !== null) resolve();
      else this.qemu.once('exit', () => resolve());
    });
    await Promise.race([this.qmp.execute('quit').catch(() => undefined), new Promise((r) => setTimeout(r, 5_000))]);
    const timer = setTimeout(() => this.qemu.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    this.qmp.close();
    rmSync(this.runDir, { recursive: true, force: true });
  }
}
