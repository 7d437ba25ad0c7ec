import { z } from 'zod';
import { Platform } from '../../shared/checks';

/**
 * The support bundle: every raw answer the probes got from the OS, so that whoever supports the
 * agent can replay a PC's check anywhere (`mamori check --bundle FILE`). This is an interface:
 * documented in the README, versioned, validated on read.
 */
export const BUNDLE_FORMAT = 'mamori-support-bundle';

/** Bytes are kept exactly: UTF-8 text as is, anything else (CP932 output of Japanese Windows) as base64. */
export const Bytes = z.discriminatedUnion('encoding', [
  z.strictObject({ encoding: z.literal('utf8'), data: z.string() }),
  z.strictObject({ encoding: z.literal('base64'), data: z.base64() }),
]);

export const BundleRecord = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('command'),
    file: z.string(),
    args: z.array(z.string()),
    exitCode: z.number().int().nullable(),
    error: z.string().nullable(),
    stdout: Bytes,
    stderr: Bytes,
    durationMs: z.number().nonnegative(),
  }),
  z.strictObject({ type: z.literal('file'), path: z.string(), content: Bytes.nullable(), error: z.string().nullable() }),
  z.strictObject({ type: z.literal('dir'), path: z.string(), entries: z.array(z.string()).nullable(), error: z.string().nullable() }),
  z.strictObject({ type: z.literal('env'), name: z.string(), value: z.string().nullable() }),
  z.strictObject({ type: z.literal('call'), id: z.string(), value: z.unknown(), error: z.string().nullable() }),
]);
export type BundleRecord = z.infer<typeof BundleRecord>;

export const Bundle = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(1),
  createdAt: z.iso.datetime(),
  mamoriVersion: z.string(),
  host: z.strictObject({ platform: Platform, osVersion: z.string(), locale: z.string(), hostname: z.string() }),
  records: z.array(BundleRecord),
});
export type Bundle = z.infer<typeof Bundle>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function toBytes(bytes: Uint8Array): z.infer<typeof Bytes> {
  try {
    return { encoding: 'utf8', data: utf8.decode(bytes) };
  } catch {
    return { encoding: 'base64', data: Buffer.from(bytes).toString('base64') };
  }
}

export const fromBytes = (b: z.infer<typeof Bytes>): Uint8Array =>
  b.encoding === 'utf8' ? new TextEncoder().encode(b.data) : new Uint8Array(Buffer.from(b.data, 'base64'));

/** How a command is looked up in a bundle: its file and arguments, exactly. */
export const commandKey = (file: string, args: readonly string[]) => JSON.stringify([file, ...args]);
