import { t } from '../../../shared/i18n';
import { approvedEntryFor } from '../../../shared/policy/usb-entry';
import { unknownText } from '../report';
import { BUNDLE_OPTION, factsFor } from '../host-option';
import { EXIT, type CliIO } from '../io';
import { LANG_OPTION, langOf, parse } from '../options';
import { UsageError } from '../usage-error';

/** Hubs are the PC's own plumbing, never lent memory: not listed. */
const HUB = 0x09;

/**
 * mamori usb list [--json] [--bundle FILE]: the USB devices attached now, as ready-to-paste
 * `usb.approved` entries — how an administrator registers the memory it lends.
 */
export async function usb(args: readonly string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list') throw new UsageError('cli.error.unknown-command', { command: `usb ${sub ?? ''}`.trim() });
  const { values } = parse(rest, { json: { type: 'boolean' }, ...BUNDLE_OPTION, ...LANG_OPTION });
  const lang = langOf(values.lang, io.lang);
  const facts = await factsFor('usb', values.bundle);
  if (facts.devices.state === 'unknown') {
    io.err(unknownText({ ...facts.devices, fact: 'usb.devices' }, lang));
    return EXIT.error;
  }
  const listed = facts.devices.value.filter((d) => d.deviceClass !== HUB && !(d.interfaceClasses.length > 0 && d.interfaceClasses.every((c) => c === HUB)));
  const entries = listed.map(approvedEntryFor);
  if (!values.json) {
    io.err(t(lang, 'cli.usb.paste', { n: entries.length }));
    for (const e of entries.filter((x) => x.serialUnreadable)) io.err(t(lang, 'cli.usb.serial-unreadable', { id: e.entry.id }));
  }
  io.out(JSON.stringify(entries.map((e) => e.entry), null, 2));
  return EXIT.ok;
}
