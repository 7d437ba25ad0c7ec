import type { Report, ReportKind } from '../../shared/report';

/**
 * The HTTPS body: an OCSF Incident Finding (class 2005, category 2 Findings, activity 1 Create) carrying the whole
 * Mamori report in unmapped.mamori. Pure. Field by field in docs/reporting.md; change both together.
 */

export const OCSF_VERSION = '1.7.0';
export const PRODUCT = { name: 'Mamori', vendor_name: 'Mamori' } as const;

/** OCSF severity_id (and the syslog severity in syslog-format.ts) by kind: a suspected infection is the most urgent. */
export const SEVERITY: Record<ReportKind, { id: number; caption: string }> = {
  infection: { id: 5, caption: 'Critical' },
  'lost-device': { id: 4, caption: 'High' },
  'suspicious-mail': { id: 3, caption: 'Medium' },
  other: { id: 2, caption: 'Low' },
};

/** finding title for analysts' consoles (wire format, English like the rest of OCSF; not shown to staff). */
export const TITLE: Record<ReportKind, string> = {
  infection: 'Suspected malware infection reported by staff',
  'suspicious-mail': 'Suspicious e-mail reported by staff',
  'lost-device': 'Lost or stolen device reported by staff',
  other: 'Security incident reported by staff',
};

/** OCSF os.type_id from the free-form OS string: 100 Windows, 200 Linux, 300 macOS, 0 Unknown. */
export function osTypeId(os: string): number {
  if (/windows/i.test(os)) return 100;
  if (/darwin|mac ?os|os x/i.test(os)) return 300;
  if (/linux/i.test(os)) return 200;
  return 0;
}

interface OcsfNetworkInterface {
  name: string;
  mac?: string;
  ip?: string;
  type_id: number;
  type: string;
}

/** One OCSF network_interface per address (its `ip` is single-valued); an interface without addresses once. */
function networkInterfaces(report: Report): OcsfNetworkInterface[] | undefined {
  if (report.network.state !== 'known') return undefined;
  const wireless = new Set(report.wifi.state === 'known' ? report.wifi.value.map((w) => w.interface).filter((i) => i !== null) : []);
  return report.network.value.flatMap((nic) => {
    const base = {
      name: nic.name,
      ...(nic.mac !== null && { mac: nic.mac }),
      ...(wireless.has(nic.name) ? { type_id: 2, type: 'Wireless' } : { type_id: 0, type: 'Unknown' }),
    };
    return nic.addresses.length === 0 ? [base] : nic.addresses.map((a) => ({ ...base, ip: a.address }));
  });
}

export function toOcsf(report: Report) {
  const time = Date.parse(report.createdAt);
  const severity = SEVERITY[report.kind];
  const title = TITLE[report.kind];
  const interfaces = networkInterfaces(report);
  return {
    activity_id: 1,
    activity_name: 'Create',
    category_uid: 2,
    category_name: 'Findings',
    class_uid: 2005,
    class_name: 'Incident Finding',
    type_uid: 200501,
    type_name: 'Incident Finding: Create',
    time,
    severity_id: severity.id,
    severity: severity.caption,
    status_id: 1,
    status: 'New',
    message: title,
    finding_info_list: [
      {
        uid: report.id,
        title,
        ...(report.note.length > 0 && { desc: report.note }),
        created_time: time,
        types: [report.kind],
      },
    ],
    // Incident Finding requires an assignee or assignee_group: a staff report goes to the organisation's CSIRT.
    assignee_group: { name: 'CSIRT' },
    metadata: {
      uid: report.id,
      version: OCSF_VERSION,
      product: { ...PRODUCT, version: report.reporter.mamoriVersion },
      profiles: ['host'],
    },
    device: {
      hostname: report.reporter.hostname,
      name: report.reporter.hostname,
      type_id: 0,
      type: 'Unknown',
      os: { name: report.reporter.os, type_id: osTypeId(report.reporter.os) },
      ...(interfaces !== undefined && { network_interfaces: interfaces }),
    },
    actor: { user: { name: report.reporter.user } },
    unmapped: { mamori: report },
  };
}

export type OcsfIncidentFinding = ReturnType<typeof toOcsf>;
