import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gdbusBoolean, gdbusUnsigned, loginctlLockedHint } from '../../../../src/node/probes/linux/parse/dbus';
import { gvariantBoolean, gvariantUnsigned, parseGVariant } from '../../../../src/node/probes/linux/parse/gsettings';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/linux', name), 'utf8');

describe('parseGVariant on captured gsettings output', () => {
  it('reads idle-delay "uint32 300" as 300, not as text', () => {
    expect(parseGVariant(fixture('gsettings_get_org.gnome.desktop.session_idle-delay.txt'))).toEqual({ type: 'integer', value: 300 });
    expect(gvariantUnsigned(fixture('gsettings_get_org.gnome.desktop.session_idle-delay.txt'))).toBe(300);
  });
  it('reads lock-enabled "true"', () => {
    expect(gvariantBoolean(fixture('gsettings_get_org.gnome.desktop.screensaver_lock-enabled.txt'))).toBe(true);
  });
  it('the capture made with no session bus parses just like a real setting: only the probe can refuse it', () => {
    expect(gvariantUnsigned(fixture('gsettings_get_org.gnome.desktop.session_idle-delay.no-session-bus.debian12.txt'))).toBe(300);
  });
  it('reads the SYNTHETIC lock-delay "uint32 0" as 0', () => {
    expect(gvariantUnsigned(fixture('gsettings_get_org.gnome.desktop.screensaver_lock-delay.SYNTHETIC.txt'))).toBe(0);
  });
});

describe('parseGVariant shapes', () => {
  it.each([
    ['false', { type: 'boolean', value: false }],
    ['5', { type: 'integer', value: 5 }], // int32 is printed without annotation
    ['int32 -5', { type: 'integer', value: -5 }],
    ['byte 0x0a', { type: 'integer', value: 10 }],
    ['uint64 18446744073709', { type: 'integer', value: 18446744073709 }],
    ["'org.gnome.Shell'", { type: 'string', value: 'org.gnome.Shell' }],
    [`"it's"`, { type: 'string', value: "it's" }],
    ["'a\\nb\\u00e9'", { type: 'string', value: 'a\nbé' }],
    ['@as []', { type: 'string-array', value: [] }],
    ["['a', 'b c']", { type: 'string-array', value: ['a', 'b c'] }],
    ['uint32 300\r\n', { type: 'integer', value: 300 }], // CRLF
  ])('%j', (text, expected) => {
    expect(parseGVariant(text)).toEqual(expected);
  });

  it.each([
    '',
    '300 seconds',
    'uint32',
    'uint32 -1', // unsigned types cannot be negative
    'uint64 99999999999999999999', // beyond 2^53: refused rather than rounded
    "'unterminated",
    "'bad escape \\q'",
    "['a', ",
    "['a' 'b']",
    'True',
    '(true,)',
    'No such key “ubuntu-lock-on-suspend”',
  ])('garbage %j → null', (text) => {
    expect(parseGVariant(text)).toBeNull();
  });

  it('gvariantBoolean and gvariantUnsigned refuse the other type', () => {
    expect(gvariantBoolean('uint32 1')).toBeNull();
    expect(gvariantUnsigned('true')).toBeNull();
    expect(gvariantUnsigned('int32 -1')).toBeNull();
  });
});

describe('gdbus replies', () => {
  it('reads the captured GetActive replies', () => {
    expect(gdbusBoolean(fixture('gdbus_org.gnome.ScreenSaver.GetActive.locked.txt'))).toBe(true);
    expect(gdbusBoolean(fixture('gdbus_org.gnome.ScreenSaver.GetActive.unlocked.txt'))).toBe(false);
  });
  it('reads a uint64 idle time in ms', () => {
    expect(gdbusUnsigned('(uint64 12345,)\n')).toBe(12345);
    expect(gdbusUnsigned('(uint64 12345,)\r\n')).toBe(12345);
  });
  it.each(['', '(true)', 'true', '(true, false)', '(', '(uint64 12345', "('x',)", 'Error connecting: Cannot autolaunch D-Bus without X11 $DISPLAY'])(
    'garbage %j → null',
    (text) => {
      expect(gdbusBoolean(text)).toBeNull();
      expect(gdbusUnsigned(text)).toBeNull();
    },
  );
  it('does not read an error message from stderr as a reply', () => {
    expect(gdbusBoolean(fixture('gdbus_call_GetActive.no-session-bus.debian12.stderr.txt'))).toBeNull();
  });
});

describe('loginctl LockedHint', () => {
  it.each([
    ['LockedHint=yes\n', true],
    ['LockedHint=no\n', false],
    ['LockedHint=no\r\n', false],
  ])('%j', (text, expected) => {
    expect(loginctlLockedHint(text)).toBe(expected);
  });
  it.each(['', 'LockedHint=', 'LockedHint=maybe', 'LockedHint=yes\nLockedHint=no', 'lockedhint=yes'])('garbage %j → null', (text) => {
    expect(loginctlLockedHint(text)).toBeNull();
  });
  it('does not read the captured no-systemd error as an answer', () => {
    expect(loginctlLockedHint(fixture('loginctl_show-session_LockedHint.no-systemd.debian12.stderr.txt'))).toBeNull();
  });
});
