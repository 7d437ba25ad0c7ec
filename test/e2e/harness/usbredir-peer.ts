import net from 'node:net';

/**
 * A usbredir "usb-host" (the side that owns a device) presenting a made-up USB device to QEMU's
 * usb-redir device, so the guest enumerates any vendor id, product id, serial, strings and interface
 * class through its real USB stack. Protocol: usbredir 0.7 (usbredir's docs/usb-redirection-protocol.md,
 * usbredirparser/usbredirproto.h; QEMU hw/usb/redirect.c). Little-endian throughout.
 *
 * Only endpoint 0 exists: enough for enumeration and for everything read from sysfs at attach time
 * (ids, strings, interface classes). A mass-storage interface enumerates but gets no block device.
 */
export interface UsbIdentity {
  vendorId: number;
  productId: number;
  manufacturer: string;
  product: string;
  /** null: the device reports no serial (iSerialNumber 0), as some cheap sticks do. */
  serial: string | null;
  /** bInterfaceClass, bInterfaceSubClass, bInterfaceProtocol of the one interface: [8, 6, 0x50] mass storage. */
  interface: readonly [number, number, number];
}

const TYPE = {
  hello: 0, deviceConnect: 1, deviceDisconnect: 2, interfaceInfo: 4, epInfo: 5,
  setConfiguration: 6, getConfiguration: 7, configurationStatus: 8, setAltSetting: 9, getAltSetting: 10, altSettingStatus: 11,
  controlPacket: 100,
} as const;
/** connect_device_version (1), ep_info_max_packet_size (4), 64bits_ids (5), 32bits_bulk_length (6): qemu-xhci refuses a peer without 4–6. */
const CAPS = (1 << 1) | (1 << 4) | (1 << 5) | (1 << 6);
const CAP_64BIT_IDS = 1 << 5;
const STATUS = { success: 0, stall: 4 } as const;
const SPEED_HIGH = 2;
const EP_TYPE = { control: 0, invalid: 255 } as const;

const u16 = (n: number) => [n & 0xff, n >> 8];
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

function deviceDescriptor(d: UsbIdentity): Buffer {
  // bcdUSB 2.00, class per interface, bMaxPacketSize0 64, bcdDevice 1.00, strings 1/2/3, one configuration.
  return Buffer.from([18, 1, ...u16(0x0200), 0, 0, 0, 64, ...u16(d.vendorId), ...u16(d.productId), ...u16(0x0100), 1, 2, d.serial === null ? 0 : 3, 1]);
}

function configurationDescriptor(d: UsbIdentity): Buffer {
  const [cls, sub, proto] = d.interface;
  // configuration 1 (bus-powered, 100 mA) with one interface, no endpoints besides ep0.
  return Buffer.from([9, 2, ...u16(18), 1, 1, 0, 0x80, 50, 9, 4, 0, 0, 0, cls, sub, proto, 0]);
}

function stringDescriptor(d: UsbIdentity, index: number): Buffer | null {
  const text = index === 1 ? d.manufacturer : index === 2 ? d.product : index === 3 ? d.serial : null;
  if (index === 0) return Buffer.from([4, 3, ...u16(0x0409)]); // LANGID: en-US
  if (text === null) return null;
  const body = utf16(text);
  return Buffer.concat([Buffer.from([2 + body.length, 3]), body]);
}

export class UsbredirPeer {
  private socket: net.Socket | undefined;
  private buffer = Buffer.alloc(0);
  private longIds = false;
  private identity: UsbIdentity | undefined;
  private configuration = 0;
  private helloReceived!: () => void;
  /** Resolves once QEMU has connected and sent its hello: from then on a device can be plugged. */
  readonly ready = new Promise<void>((resolve) => (this.helloReceived = resolve));

  private constructor(private readonly server: net.Server) {
    server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('data', (chunk) => this.receive(chunk));
      socket.on('error', () => undefined);
      this.send(TYPE.hello, 0, Buffer.concat([Buffer.from('mamori-e2e usbredir peer'.padEnd(64, '\0')), this.u32(CAPS)]));
    });
  }

  /** Listens on a unix socket; QEMU connects to it as a client chardev. */
  static async listen(socketPath: string): Promise<UsbredirPeer> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(socketPath, resolve));
    return new UsbredirPeer(server);
  }

  /** The device appears on the guest's bus (or, if one is plugged, is replaced after an unplug). */
  plug(identity: UsbIdentity): void {
    this.identity = identity;
    const interfaceInfo = Buffer.alloc(4 + 4 * 32);
    interfaceInfo.writeUInt32LE(1, 0);
    [0, ...identity.interface].forEach((value, i) => interfaceInfo.writeUInt8(value, 4 + i * 32));
    // ep_info: type[32], interval[32], interface[32], max_packet_size[32] (u16); index = (IN ? 16 : 0) + number.
    const epInfo = Buffer.alloc(32 * 3 + 32 * 2);
    epInfo.fill(EP_TYPE.invalid, 0, 32);
    for (const ep0 of [0, 16]) {
      epInfo.writeUInt8(EP_TYPE.control, ep0);
      epInfo.writeUInt16LE(64, 96 + ep0 * 2);
    }
    const connect = Buffer.from([SPEED_HIGH, 0, 0, 0, ...u16(identity.vendorId), ...u16(identity.productId), ...u16(0x0100)]);
    this.send(TYPE.interfaceInfo, 0, interfaceInfo);
    this.send(TYPE.epInfo, 0, epInfo);
    this.send(TYPE.deviceConnect, 0, connect);
  }

  /** The device presented now, if any. */
  get plugged(): UsbIdentity | undefined {
    return this.identity;
  }

  unplug(): void {
    this.send(TYPE.deviceDisconnect, 0, Buffer.alloc(0));
    this.identity = undefined;
  }

  async close(): Promise<void> {
    this.socket?.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private u32(n: number): Buffer {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  }

  private send(type: number, id: bigint | number, payload: Buffer): void {
    const header = Buffer.alloc(this.longIds ? 16 : 12);
    header.writeUInt32LE(type, 0);
    header.writeUInt32LE(payload.length, 4);
    if (this.longIds) header.writeBigUInt64LE(BigInt(id), 8);
    else header.writeUInt32LE(Number(id), 8);
    this.socket?.write(Buffer.concat([header, payload]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerLength = this.longIds ? 16 : 12;
      if (this.buffer.length < headerLength) return;
      const type = this.buffer.readUInt32LE(0);
      const length = this.buffer.readUInt32LE(4);
      if (this.buffer.length < headerLength + length) return;
      const id = this.longIds ? this.buffer.readBigUInt64LE(8) : BigInt(this.buffer.readUInt32LE(8));
      const payload = this.buffer.subarray(headerLength, headerLength + length);
      this.buffer = this.buffer.subarray(headerLength + length);
      this.handle(type, id, payload);
    }
  }

  private handle(type: number, id: bigint, payload: Buffer): void {
    switch (type) {
      case TYPE.hello:
        // Both sides announced 64-bit ids: every later header carries a u64 id.
        this.longIds = (payload.readUInt32LE(64) & CAP_64BIT_IDS) !== 0;
        this.helloReceived();
        return;
      case TYPE.setConfiguration:
        this.configuration = payload.readUInt8(0);
        return this.send(TYPE.configurationStatus, id, Buffer.from([STATUS.success, this.configuration]));
      case TYPE.getConfiguration:
        return this.send(TYPE.configurationStatus, id, Buffer.from([STATUS.success, this.configuration]));
      case TYPE.setAltSetting:
        return this.send(TYPE.altSettingStatus, id, Buffer.from([STATUS.success, payload.readUInt8(0), payload.readUInt8(1)]));
      case TYPE.getAltSetting:
        return this.send(TYPE.altSettingStatus, id, Buffer.from([STATUS.success, payload.readUInt8(0), 0]));
      case TYPE.controlPacket:
        return this.control(id, payload);
      default:
        // reset, cancel_data_packet, filter_filter: nothing to do for a device with only ep0.
        return;
    }
  }

  /** A control transfer on ep0: header u8 endpoint, request, requesttype, status; u16 value, index, length. */
  private control(id: bigint, packet: Buffer): void {
    const header = Buffer.from(packet.subarray(0, 10));
    const [endpoint, request, requestType] = [header.readUInt8(0), header.readUInt8(1), header.readUInt8(2)];
    const [value, length] = [header.readUInt16LE(4), header.readUInt16LE(8)];
    const reply = (status: number, data: Buffer = Buffer.alloc(0)) => {
      const sent = data.subarray(0, length);
      header.writeUInt8(status, 3);
      // IN: the bytes returned; OUT: the bytes accepted.
      header.writeUInt16LE(endpoint & 0x80 ? sent.length : length, 8);
      this.send(TYPE.controlPacket, id, Buffer.concat([header, sent]));
    };
    const d = this.identity;
    if (!d) return reply(STATUS.stall);
    if (requestType === 0x80 && request === 6) {
      const kind = value >> 8;
      const descriptor = kind === 1 ? deviceDescriptor(d) : kind === 2 ? configurationDescriptor(d) : kind === 3 ? stringDescriptor(d, value & 0xff) : null;
      return descriptor ? reply(STATUS.success, descriptor) : reply(STATUS.stall);
    }
    if (requestType === 0x80 && request === 0) return reply(STATUS.success, Buffer.alloc(2)); // GET_STATUS
    if ((requestType & 0x80) === 0) return reply(STATUS.success); // host-to-device requests are accepted
    reply(STATUS.stall);
  }
}
