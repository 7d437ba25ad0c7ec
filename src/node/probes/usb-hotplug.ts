import type { ChangeSource } from './probe';

/**
 * USB insertion and removal from node-usb (libusb hot-plug; node-usb falls back to polling the
 * device list where the OS has no hot-plug support). Loaded lazily: a PC without a USB stack
 * still runs every other check.
 */
export const usbHotplug: ChangeSource = {
  subscribe(onChange) {
    let usb: typeof import('usb').usb;
    try {
      usb = (require('usb') as typeof import('usb')).usb;
    } catch {
      return () => undefined;
    }
    const changed = () => onChange('usb');
    usb.on('attach', changed);
    usb.on('detach', changed);
    return () => {
      usb.off('attach', changed);
      usb.off('detach', changed);
    };
  },
};
