import { z } from 'zod';

/** The four checks, in the order users see them. Names are part of the CLI's JSON output. */
export const CheckId = z.enum(['screen-lock', 'software', 'usb', 'wifi']);
export type CheckId = z.infer<typeof CheckId>;
export const CHECK_IDS = CheckId.options;

export const CheckStatus = z.enum(['pass', 'fail', 'unknown']);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const Platform = z.enum(['win32', 'darwin', 'linux']);
export type Platform = z.infer<typeof Platform>;
