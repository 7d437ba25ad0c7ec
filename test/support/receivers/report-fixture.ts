import { randomUUID } from 'node:crypto';
import { Report } from '../../../src/shared/report';

/** A complete, schema-valid report with Japanese text in every place text can go. */
export function makeReport(edit: Partial<Report> = {}): Report {
  const id = edit.id ?? randomUUID();
  return Report.parse({
    id,
    kind: 'infection',
    createdAt: '2026-11-26T01:23:45.678Z',
    classification: { label: { ja: '機密性2情報', en: 'Confidentiality class 2' }, handling: { ja: '取扱制限：関係者限り', en: 'Handling: need to know' } },
    organization: { ja: 'デジタル推進庁', en: 'Digital Promotion Agency' },
    policyRevision: 7,
    reporter: { user: 'yamada.hanako', hostname: 'KAKU-PC-014', os: 'Windows_NT 10.0.26100 Windows 11 Pro', mamoriVersion: '0.1.0' },
    network: {
      state: 'known',
      value: [
        { name: 'Wi-Fi', mac: 'aa:bb:cc:dd:ee:01', addresses: [{ family: 'IPv4', address: '10.20.30.40', cidr: '10.20.30.40/24' }, { family: 'IPv6', address: 'fe80::1', cidr: null }] },
        { name: 'イーサネット', mac: null, addresses: [] },
      ],
    },
    wifi: { state: 'known', value: [{ ssid: { state: 'known', value: '庁内LAN-5G' }, bssid: '00:11:22:33:44:55', security: { state: 'known', value: 'wpa2-enterprise' }, interface: 'Wi-Fi' }] },
    processes: { state: 'known', value: [{ pid: 4242, name: '請求書.pdf.exe', path: 'C:\\Users\\yamada\\Downloads\\請求書.pdf.exe' }] },
    connections: { state: 'unknown', reason: 'access-denied', detail: 'netstat: アクセスが拒否されました。' },
    findings: [],
    note: '不審な添付ファイルを開いてしまいました',
    isolationRequested: true,
    ...edit,
  });
}
