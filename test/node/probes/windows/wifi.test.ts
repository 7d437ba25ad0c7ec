import { describe, expect, it } from 'vitest';
import { windowsProbes } from '../../../../src/node/probes/windows';
import type { Answer } from './support/bundle';
import { command, fixture, fixtureText, NETSH, replay } from './support/bundle';
import { encodeCp932 } from './support/cp932';

const ARGS = ['wlan', 'show', 'interfaces'];
const collect = async (answer: Answer) => (await windowsProbes.wifi.collect(replay([command(NETSH, ARGS, answer)]))).connections;
const known = <T>(value: T) => ({ state: 'known', value });

const OFFICE_JA = {
  ssid: known('庁内LAN-5G'),
  bssid: '11:22:33:44:55:66',
  security: known('wpa2-personal'),
  interface: 'Wi-Fi',
};

/** The Windows 10 capture with its State line replaced: other states are constructed from it. */
const win10With = (state: string) => fixtureText('netsh_wlan_show_interfaces.en-US.win10.txt').replace('State                  : connected', `State                  : ${state}`);

describe('Windows Wi-Fi (netsh wlan show interfaces), replayed from a bundle', () => {
  it('English, Windows 10', async () => {
    expect(await collect({ stdout: fixture('netsh_wlan_show_interfaces.en-US.win10.txt') })).toEqual(
      known([{ ssid: known('MEO-7C14A5'), bssid: '42:aa:06:aa:96:f9', security: known('wpa2-personal'), interface: 'WiFi' }]),
    );
  });

  it('English, Windows 11 (AP BSSID, Band lines)', async () => {
    expect(await collect({ stdout: fixture('netsh_wlan_show_interfaces.en-US.win11.txt') })).toEqual(
      known([{ ssid: known('HBTL5'), bssid: '20:05:b6:ff:1f:29', security: known('wpa2-personal'), interface: 'Wi-Fi' }]),
    );
  });

  it('Japanese labels and values (接続されました, WPA2-パーソナル), UTF-8', async () => {
    expect(await collect({ stdout: fixture('netsh_wlan_show_interfaces.ja-JP.txt') })).toEqual(known([OFFICE_JA]));
  });

  it('Japanese in CP932, as the console of Japanese Windows writes it', async () => {
    const cp932 = encodeCp932(fixtureText('netsh_wlan_show_interfaces.ja-JP.txt'));
    expect(await collect({ stdout: cp932 })).toEqual(known([OFFICE_JA]));
  });

  it('the same capture with LF line endings (a bundle edited elsewhere)', async () => {
    expect(await collect({ stdout: fixtureText('netsh_wlan_show_interfaces.ja-JP.txt').replaceAll('\r\n', '\n') })).toEqual(known([OFFICE_JA]));
  });

  it('Windows 11 24H2 without location permission: unknown (location-permission), not "not connected"', async () => {
    expect(await collect({ stdout: fixture('netsh_wlan_show_interfaces.location-permission.en-US.txt'), exitCode: 1 })).toEqual({
      state: 'unknown',
      reason: 'location-permission',
      detail:
        'netsh: Network shell commands need location permission to access WLAN information. Turn on Location services on the Location page in Privacy & security settings.',
    });
  });

  it('a network named like the location message is judged as a network, not read as the message', async () => {
    const text = fixtureText('netsh_wlan_show_interfaces.en-US.win10.txt').replace('SSID                   : MEO-7C14A5', 'SSID                   : ms-settings:privacy-location');
    const value = await collect({ stdout: text });
    expect(value.state === 'known' && value.value.map((c) => c.ssid)).toEqual([known('ms-settings:privacy-location')]);
  });

  it('no wireless adapter: unknown (no-wifi-adapter)', async () => {
    expect(await collect({ stdout: '\r\nThere is no wireless interface on the system.\r\n', exitCode: 1 })).toEqual({
      state: 'unknown',
      reason: 'no-wifi-adapter',
      detail: 'netsh: There is no wireless interface on the system.',
    });
  });

  it('a disconnected interface is no connection: Wi-Fi known to be off', async () => {
    expect(await collect({ stdout: win10With('disconnected') })).toEqual(known([]));
  });

  it('a state we do not know is unparseable, never "not connected"', async () => {
    expect(await collect({ stdout: win10With('接続中') })).toEqual({
      state: 'unknown',
      reason: 'unparseable-output',
      detail: 'netsh wlan show interfaces: interface "WiFi": unknown state "接続中"',
    });
  });

  it('several interfaces; Open is judged by its cipher (None → open, WEP → wep); WPA3', async () => {
    const block = (name: string, ssid: string, auth: string, cipher: string) =>
      [
        `    Name                   : ${name}`,
        '    State                  : connected',
        `    SSID                   : ${ssid}`,
        '    BSSID                  : 00:11:22:33:44:55',
        `    Authentication         : ${auth}`,
        `    Cipher                 : ${cipher}`,
        '',
      ].join('\r\n');
    // Constructed in the layout of the captures above.
    const text = ['', 'There are 3 interfaces on the system:', '', block('Wi-Fi', 'cafe', 'Open', 'None'), block('Wi-Fi 2', 'old-ap', 'Open', 'WEP'), block('Wi-Fi 3', 'home6', 'WPA3-Personal', 'GCMP-256')].join('\r\n');
    const value = await collect({ stdout: text });
    expect(value.state === 'known' && value.value.map((c) => [c.interface, c.ssid, c.security])).toEqual([
      ['Wi-Fi', known('cafe'), known('open')],
      ['Wi-Fi 2', known('old-ap'), known('wep')],
      ['Wi-Fi 3', known('home6'), known('wpa3-personal')],
    ]);
  });

  it('an authentication we do not know leaves security unknown; the SSID is still known', async () => {
    const text = fixtureText('netsh_wlan_show_interfaces.en-US.win10.txt').replace('WPA2-Personal', 'WPA4-Quantum');
    expect(await collect({ stdout: text })).toEqual(
      known([
        {
          ssid: known('MEO-7C14A5'),
          bssid: '42:aa:06:aa:96:f9',
          security: { state: 'unknown', reason: 'unparseable-output', detail: 'authentication "WPA4-Quantum", cipher "CCMP"' },
          interface: 'WiFi',
        },
      ]),
    );
  });

  it('output cut after the State line: the connection is there, its SSID and security unknown', async () => {
    const cut = fixtureText('netsh_wlan_show_interfaces.en-US.win10.txt').split('    SSID')[0]!;
    expect(await collect({ stdout: cut })).toEqual(
      known([
        {
          ssid: { state: 'unknown', reason: 'unparseable-output', detail: 'interface "WiFi": connected without an SSID line' },
          bssid: null,
          security: { state: 'unknown', reason: 'unparseable-output', detail: 'authentication "(none)", cipher "(none)"' },
          interface: 'WiFi',
        },
      ]),
    );
  });

  it.each<[string, Answer, object]>([
    ['cut before the first interface', { stdout: '\r\nThere is 1 interface on the system:\r\n\r\n' }, { state: 'unknown', reason: 'unparseable-output', detail: 'netsh wlan show interfaces: 1 interface(s) announced, 0 listed' }],
    ['empty', { stdout: '' }, { state: 'unknown', reason: 'unparseable-output', detail: 'netsh wlan show interfaces: no interface count line' }],
    ['garbage', { stdout: '\u0000\u0001\u0002garbage' }, { state: 'unknown', reason: 'unparseable-output', detail: 'netsh wlan show interfaces: no interface count line' }],
    ['missing', { error: 'ENOENT' }, { state: 'unknown', reason: 'command-missing', detail: 'C:\\Windows\\System32\\netsh.exe' }],
    ['timing out', { error: 'TIMEOUT' }, { state: 'unknown', reason: 'command-timeout', detail: 'C:\\Windows\\System32\\netsh.exe' }],
    [
      'with WLAN AutoConfig stopped',
      { stdout: 'The Wireless AutoConfig Service (wlansvc) is not running.\r\n', exitCode: 1 },
      { state: 'unknown', reason: 'command-failed', detail: 'C:\\Windows\\System32\\netsh.exe exit 1: The Wireless AutoConfig Service (wlansvc) is not running.' },
    ],
  ])('netsh %s: unknown with the reason', async (_name, answer, expected) => {
    expect(await collect(answer)).toEqual(expected);
  });
});
