import type { Finding } from '../findings';
import type { Lang } from '../localized';
import { duration, t } from '../i18n';

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** The one sentence that tells a user what was found, in their language. */
export function findingText(f: Finding, lang: Lang): string {
  const d = f.subject.details;
  switch (f.kind) {
    case 'screen-lock-too-slow':
      return t(lang, `finding.${f.kind}`, { actual: duration(lang, num(d.actualSeconds)), limit: duration(lang, num(d.limitSeconds)) });
    case 'screen-left-unlocked':
      return t(lang, `finding.${f.kind}`, { idle: duration(lang, Math.floor((num(d.idleSeconds) ?? 0) / 60) * 60 || num(d.idleSeconds)) });
    case 'wifi-weak-security':
      return t(lang, `finding.${f.kind}`, { name: f.subject.label, actual: str(d.security), required: str(d.required) });
    case 'wifi-unknown-access-point':
      return t(lang, `finding.${f.kind}`, { name: f.subject.label, bssid: str(d.bssid) });
    case 'usb-approved-device':
      return t(lang, `finding.${f.kind}`, { name: lang === 'en' ? (f.rule.reason?.en ?? f.subject.label) : f.subject.label });
    default:
      return t(lang, `finding.${f.kind}`, { name: f.subject.label });
  }
}
