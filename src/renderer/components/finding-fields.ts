import { WifiSecurity } from '../../shared/facts';
import type { Finding } from '../../shared/findings';
import { duration } from '../../shared/i18n';
import { pick } from '../../shared/localized';
import type { ViewContext } from '../context';
import { fields } from '../dom';
import type { MessageKey } from '../../shared/i18n';

type Details = Finding['subject']['details'];
type Row = readonly [string, string] | null;

/** A detail as text, or null when the agent did not observe it (the row is then left out). */
const text = (v: Details[string] | undefined): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const seconds = (v: Details[string] | undefined): number | null => (typeof v === 'number' ? v : null);

function row(ctx: ViewContext, key: MessageKey, value: string | null): Row {
  return value === null ? null : [ctx.t(key), value];
}

function security(ctx: ViewContext, v: Details[string] | undefined): string | null {
  const parsed = WifiSecurity.safeParse(v);
  return parsed.success ? ctx.t(`ui.security.${parsed.data}`) : text(v);
}

function serial(ctx: ViewContext, d: Details): string {
  if (d.serialKnown === false) return ctx.t('ui.field.serial-unreadable');
  return text(d.serial) ?? ctx.t('ui.field.serial-none');
}

/** The device name in the reader's language: an approved stick's policy label has both. */
export function subjectName(ctx: ViewContext, f: Finding): string {
  return f.kind === 'usb-approved-device' && f.rule.reason ? pick(f.rule.reason, ctx.lang) : f.subject.label;
}

function rowsFor(ctx: ViewContext, f: Finding): Row[] {
  const d = f.subject.details;
  switch (f.subject.type) {
    case 'usb-device':
      return [
        row(ctx, 'ui.field.device-name', subjectName(ctx, f)),
        row(ctx, 'ui.field.manufacturer', text(d.manufacturer)),
        row(ctx, 'ui.field.product', text(d.product)),
        row(ctx, 'ui.field.vendor-id', text(d.vendorId)),
        row(ctx, 'ui.field.product-id', text(d.productId)),
        row(ctx, 'ui.field.serial', serial(ctx, d)),
        row(ctx, 'ui.field.interface-classes', text(d.interfaceClasses)),
        row(ctx, 'ui.field.location', text(d.location)),
        row(ctx, 'ui.field.holder', text(d.holder)),
        row(ctx, 'ui.field.lending-log', text(d.lendingLogRef)),
      ];
    case 'wifi-network':
      return [
        row(ctx, 'ui.field.ssid', text(d.ssid) ?? ctx.t('ui.field.unknown')),
        row(ctx, 'ui.field.bssid', text(d.bssid)),
        row(ctx, 'ui.field.security', security(ctx, d.security) ?? ctx.t('ui.field.unknown')),
        row(ctx, 'ui.field.required-security', security(ctx, d.required)),
        row(ctx, 'ui.field.adapter', text(d.interface)),
      ];
    case 'software':
      return [
        row(ctx, 'ui.field.software', f.subject.label),
        row(ctx, 'ui.field.version', text(d.version)),
        row(ctx, 'ui.field.publisher', text(d.publisher)),
        row(ctx, 'ui.field.identifier', text(d.identifier)),
        row(ctx, 'ui.field.inventory', text(d.source)),
      ];
    case 'process':
      return [row(ctx, 'ui.field.process', f.subject.label), row(ctx, 'ui.field.pids', text(d.pids)), row(ctx, 'ui.field.path', text(d.path))];
    case 'setting':
    case 'session':
      return [
        row(ctx, 'ui.field.setting', ctx.t(`check.${f.check}`)),
        f.kind === 'screen-lock-disabled' ? row(ctx, 'ui.field.current', duration(ctx.lang, null)) : null,
        'actualSeconds' in d ? row(ctx, 'ui.field.current', duration(ctx.lang, seconds(d.actualSeconds))) : null,
        'idleSeconds' in d ? row(ctx, 'ui.field.idle', duration(ctx.lang, seconds(d.idleSeconds))) : null,
        'limitSeconds' in d ? row(ctx, 'ui.field.limit', duration(ctx.lang, seconds(d.limitSeconds))) : null,
        row(ctx, 'ui.field.evidence', text(d.evidence)),
      ];
  }
}

/** What was observed about the finding's subject: device, network, software or setting, with its values. */
export function findingFields(ctx: ViewContext, f: Finding): HTMLDListElement {
  return fields(rowsFor(ctx, f));
}
