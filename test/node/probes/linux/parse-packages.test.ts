import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDpkgQuery, parseFlatpakList, parseRpmQuery, parseSnapList } from '../../../../src/node/probes/linux/parse/packages';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/linux', name), 'utf8');
const crlf = (text: string) => text.replace(/\n/g, '\r\n');

describe('parseDpkgQuery', () => {
  const output = fixture('dpkg-query_W.debian12.txt');

  it('reads every installed package of the captured Debian 12 output', () => {
    const packages = parseDpkgQuery(output)!;
    expect(packages).toHaveLength(710);
    expect(packages[0]).toEqual({
      name: 'adduser',
      version: '3.134',
      publisher: 'Debian Adduser Developers <adduser@packages.debian.org>',
      identifier: 'adduser',
      source: 'dpkg',
    });
    expect(packages.find((p) => p.name === 'dpkg')?.version).toBe('1.21.22');
  });

  it('drops the :arch qualifier from the name but keeps it in the identifier', () => {
    expect(parseDpkgQuery(output)!.find((p) => p.identifier === 'binutils-common:amd64')).toMatchObject({ name: 'binutils-common', version: '2.40-2' });
  });

  it('CRLF output parses the same', () => {
    expect(parseDpkgQuery(crlf(output))).toEqual(parseDpkgQuery(output));
  });

  // Constructed rows (not captured): the statuses dpkg prints for packages that are not installed.
  it('keeps ii and hi, skips rc, un and half-installed', () => {
    const rows = ['held\t1.0\tM <m@x>\thi ', 'gone\t\tM <m@x>\trc ', 'never\t\t\tun ', 'broken\t2.0\tM <m@x>\tiU ', 'fine\t3.0\t\tii '].join('\n');
    expect(parseDpkgQuery(rows)?.map((p) => [p.name, p.version, p.publisher])).toEqual([
      ['held', '1.0', 'M <m@x>'],
      ['fine', '3.0', null],
    ]);
  });

  it('empty output is an empty list (the format has no header to miss)', () => {
    expect(parseDpkgQuery('')).toEqual([]);
  });

  it('truncated output (a row cut mid-way) is unparseable, never a shorter list', () => {
    expect(parseDpkgQuery(output.slice(0, output.length - 20))).toBeNull();
  });

  it.each(['dpkg-query: error: parsing file', 'not\ttabs enough', `${'adduser\t3.134\tX\tii \n'}trailing garbage`])('garbage %j → null', (text) => {
    expect(parseDpkgQuery(text)).toBeNull();
  });
});

describe('parseRpmQuery', () => {
  // Constructed in the layout of the probe's own --queryformat (no rpm on this machine to capture).
  const constructed = 'bash\t5.2.26-3.fc40\tFedora Project\ngpg-pubkey\ta15b79cc-63d04c2c\t(none)\n';

  it('reads name, version-release and vendor; "(none)" vendor is null', () => {
    expect(parseRpmQuery(constructed)).toEqual([
      { name: 'bash', version: '5.2.26-3.fc40', publisher: 'Fedora Project', identifier: 'bash', source: 'rpm' },
      { name: 'gpg-pubkey', version: 'a15b79cc-63d04c2c', publisher: null, identifier: 'gpg-pubkey', source: 'rpm' },
    ]);
    expect(parseRpmQuery(crlf(constructed))).toEqual(parseRpmQuery(constructed));
  });

  it('empty is empty; truncated and garbage are null', () => {
    expect(parseRpmQuery('')).toEqual([]);
    expect(parseRpmQuery('bash\t5.2.26')).toBeNull();
    expect(parseRpmQuery('error: rpmdb open failed')).toBeNull();
  });
});

describe('parseFlatpakList', () => {
  it('reads the captured TSV row', () => {
    expect(parseFlatpakList(fixture('flatpak_list_app_columns.tsv'))).toEqual([
      { name: 'org.gnome.Maps', version: '51.1', publisher: null, identifier: 'org.gnome.Maps', source: 'flatpak' },
    ]);
    expect(parseFlatpakList(crlf(fixture('flatpak_list_app_columns.tsv')))).toEqual(parseFlatpakList(fixture('flatpak_list_app_columns.tsv')));
  });

  it('an app without AppStream data has an empty version → null (constructed row)', () => {
    expect(parseFlatpakList('org.openresinalliance.dragonfruit\t\tmaster\tdragonfruit-origin\tsystem\n')?.[0]?.version).toBeNull();
  });

  it('no apps prints nothing, or the lone newline flatpak-table-printer ends with', () => {
    expect(parseFlatpakList('')).toEqual([]);
    expect(parseFlatpakList('\n')).toEqual([]);
  });

  it('a terminal-style table with a title row, truncation and garbage are null', () => {
    expect(parseFlatpakList('Application ID\tVersion\tBranch\tOrigin\tInstallation\norg.gnome.Maps\t51.1\tstable\tflathub\tsystem\n')).toBeNull();
    expect(parseFlatpakList('org.gnome.Maps\t51.1\tsta')).toBeNull();
    expect(parseFlatpakList('error: No such remote')).toBeNull();
  });
});

describe('parseSnapList', () => {
  it('reads the captured table and strips ** and * publisher marks', () => {
    expect(parseSnapList(fixture('snap_list.txt'))?.map((p) => [p.name, p.version, p.publisher])).toEqual([
      ['bare', '1.0', 'canonical'],
      ['core22', '20260824', 'canonical'],
      ['desktop-security-center', '0+git.4adf2b9', 'canonical'],
      ['discord', '1.0.160', 'snapcrafters'],
    ]);
  });

  it('skips disabled revisions and strips ✓ (forum paste)', () => {
    expect(parseSnapList(fixture('snap_list.disabled_revisions.txt'))).toEqual([
      { name: 'amazon-ssm-agent', version: '3.1.1732.0', publisher: 'aws', identifier: 'amazon-ssm-agent', source: 'snap' },
      { name: 'certbot', version: '1.32.2', publisher: 'certbot-eff', identifier: 'certbot', source: 'snap' },
    ]);
  });

  it('reads real `snap list --all` output from canonical/lxd PR #12857', () => {
    expect(parseSnapList(fixture('snap_list_all.canonical-lxd-pr-12857.txt'))?.map((p) => `${p.name} ${p.version} ${p.publisher}`)).toEqual([
      'core20 20231123 canonical',
      'core22 20231123 canonical',
      'lxd git-def587b canonical',
      'snapd 2.61.1 canonical',
    ]);
  });

  it('CRLF parses the same', () => {
    expect(parseSnapList(crlf(fixture('snap_list.txt')))).toEqual(parseSnapList(fixture('snap_list.txt')));
  });

  it('no snaps: snap writes its message to stderr, stdout is empty', () => {
    expect(parseSnapList('')).toEqual([]);
  });

  it('missing header, old header, truncated row and trailing garbage are null', () => {
    const text = fixture('snap_list.txt');
    expect(parseSnapList(text.split('\n').slice(1).join('\n'))).toBeNull();
    expect(parseSnapList('Name  Version  Rev  Developer  Notes\ncore  16-2  888  canonical  core\n')).toBeNull();
    expect(parseSnapList(text.slice(0, text.length - 12))).toBeNull();
    expect(parseSnapList(`${text}error: cannot communicate with server\n`)).toBeNull();
  });
});
