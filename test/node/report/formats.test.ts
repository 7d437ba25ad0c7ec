import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../src/node/report/backoff';
import { composeMail } from '../../../src/node/report/mail-format';
import { osTypeId, toOcsf } from '../../../src/node/report/ocsf';
import { escapeParamValue, octetFrame, syslogMessage, syslogTimestamp } from '../../../src/node/report/syslog-format';
import { makeReport } from '../../support/receivers/report-fixture';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('OCSF Incident Finding mapping (docs/reporting.md)', () => {
  it('maps a report field by field and carries the whole report in unmapped.mamori', () => {
    const report = makeReport({ id: '0b7f8a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' });
    const ocsf = toOcsf(report);
    const time = Date.parse('2026-11-26T01:23:45.678Z');
    expect(ocsf).toEqual({
      activity_id: 1,
      activity_name: 'Create',
      category_uid: 2,
      category_name: 'Findings',
      class_uid: 2005,
      class_name: 'Incident Finding',
      type_uid: 200501,
      type_name: 'Incident Finding: Create',
      time,
      severity_id: 5,
      severity: 'Critical',
      status_id: 1,
      status: 'New',
      message: 'Suspected malware infection reported by staff',
      finding_info_list: [
        { uid: report.id, title: 'Suspected malware infection reported by staff', desc: '不審な添付ファイルを開いてしまいました', created_time: time, types: ['infection'] },
      ],
      assignee_group: { name: 'CSIRT' },
      metadata: { uid: report.id, version: '1.7.0', product: { name: 'Mamori', vendor_name: 'Mamori', version: '0.1.0' }, profiles: ['host'] },
      device: {
        hostname: 'KAKU-PC-014',
        name: 'KAKU-PC-014',
        type_id: 0,
        type: 'Unknown',
        os: { name: 'Windows_NT 10.0.26100 Windows 11 Pro', type_id: 100 },
        network_interfaces: [
          { name: 'Wi-Fi', mac: 'aa:bb:cc:dd:ee:01', ip: '10.20.30.40', type_id: 2, type: 'Wireless' },
          { name: 'Wi-Fi', mac: 'aa:bb:cc:dd:ee:01', ip: 'fe80::1', type_id: 2, type: 'Wireless' },
          { name: 'イーサネット', type_id: 0, type: 'Unknown' },
        ],
      },
      actor: { user: { name: 'yamada.hanako' } },
      unmapped: { mamori: report },
    });
    expect(JSON.parse(JSON.stringify(ocsf)).unmapped.mamori).toEqual(report);
  });

  it('omits what was not observed or not written rather than inventing it', () => {
    const ocsf = toOcsf(makeReport({ kind: 'other', note: '', network: { state: 'unknown', reason: 'access-denied' } }));
    expect(ocsf.severity_id).toBe(2);
    expect(ocsf.finding_info_list[0]).not.toHaveProperty('desc');
    expect(ocsf.device).not.toHaveProperty('network_interfaces');
  });

  it('recognises the OS family', () => {
    expect([osTypeId('Windows_NT 10.0'), osTypeId('Darwin 24.1.0 macOS 15.1'), osTypeId('Linux 6.8 Ubuntu'), osTypeId('FreeBSD')]).toEqual([100, 300, 200, 0]);
  });
});

describe('RFC 5424 message and RFC 5425 frame', () => {
  it('builds the exact bytes: PRI, header, structured data, BOM, JSON', () => {
    const report = makeReport({ id: '0b7f8a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' });
    const json = JSON.stringify(report);
    const message = syslogMessage(report, json, 4321);
    const expected = Buffer.concat([
      Buffer.from(
        '<162>1 2026-11-26T01:23:45.678Z KAKU-PC-014 mamori 4321 infection [mamori@32473 id="0b7f8a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b" kind="infection" ' +
          'created="2026-11-26T01:23:45.678Z" host="KAKU-PC-014" user="yamada.hanako" classification="機密性2情報" isolationRequested="true" ' +
          'policyRevision="7" mamoriVersion="0.1.0"] ',
        'utf8',
      ),
      BOM,
      Buffer.from(json, 'utf8'),
    ]);
    expect(message.equals(expected)).toBe(true);
    const frame = octetFrame(message);
    const prefix = `${message.length} `;
    expect(frame.subarray(0, prefix.length).toString('ascii')).toBe(prefix);
    expect(frame.subarray(prefix.length).equals(message)).toBe(true);
    // Octets, not characters: the Japanese text makes the two differ.
    expect(message.length).toBeGreaterThan(message.toString('utf8').length);
  });

  it('uses the severity of each kind (facility local4)', () => {
    const pri = (kind: 'infection' | 'lost-device' | 'suspicious-mail' | 'other') => syslogMessage(makeReport({ kind }), '{}', 1).toString('ascii').split('>')[0];
    expect([pri('infection'), pri('lost-device'), pri('suspicious-mail'), pri('other')]).toEqual(['<162', '<163', '<164', '<165']);
  });

  it('escapes " \\ ] in parameter values and never lets a hostname break the header', () => {
    expect(escapeParamValue('a"b\\c]d')).toBe('a\\"b\\\\c\\]d');
    const report = makeReport({ reporter: { user: 'x"]\\y', hostname: '総務課 PC', os: 'Linux', mamoriVersion: '0.1.0' } });
    const text = syslogMessage(report, '{}', 7).toString('utf8');
    expect(text.split(' ').slice(0, 6)).toEqual(['<162>1', '2026-11-26T01:23:45.678Z', '-', 'mamori', '7', 'infection']);
    expect(text).toContain('host="総務課 PC" user="x\\"\\]\\\\y"');
  });

  it('keeps TIMESTAMP within RFC 5424 (at most 6 fractional digits)', () => {
    expect(syslogTimestamp('2026-11-26T01:23:45.123456789Z')).toBe('2026-11-26T01:23:45.123456Z');
    expect(syslogTimestamp('2026-11-26T01:23:45Z')).toBe('2026-11-26T01:23:45Z');
    expect(syslogTimestamp('not a time')).toBe('-');
  });
});

describe('mail', () => {
  it('has the classification, kind and host in the subject, the facts in the text, the exact JSON attached', () => {
    const report = makeReport({ reporter: { user: 'u', hostname: 'evil\r\nBcc: x@example.com', os: 'Linux', mamoriVersion: '0.1.0' } });
    const json = JSON.stringify(report);
    const mail = composeMail(report, json, { from: 'a@example.jp', to: ['b@example.jp'] });
    expect(mail.subject).toBe('[機密性2情報] Mamori infection evil Bcc: x@example.com');
    expect(mail.messageId).toBe(`<${report.id}@mamori.invalid>`);
    expect(mail.text).toContain(`report-id: ${report.id}`);
    expect(mail.text).toContain('  不審な添付ファイルを開いてしまいました');
    expect(mail.attachments?.[0]?.content).toEqual(Buffer.from(json, 'utf8'));
  });
});

describe('backoff', () => {
  it('doubles from 1 s to a 10 min ceiling, jittered between half and all of it', () => {
    const low = (n: number) => backoffDelay(n, DEFAULT_BACKOFF, () => 0);
    const high = (n: number) => backoffDelay(n, DEFAULT_BACKOFF, () => 1);
    expect([1, 2, 3, 4].map(high)).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map(low)).toEqual([500, 1000, 2000, 4000]);
    expect([high(10), high(11)]).toEqual([512_000, 600_000]);
    expect(high(10_000)).toBe(600_000);
    expect(low(10_000)).toBe(300_000);
  });
});
