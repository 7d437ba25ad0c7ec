import { expect, test } from '@playwright/test';
import { href, parseRoute } from '../../src/renderer/router';
import { searchGuidance } from '../../src/renderer/search';
import { loadGuidance } from '../../src/node/guidance/catalogue';

/* The renderer's pure parts, run in Node: no page needed. */

const entries = loadGuidance().entries;
const ids = (query: string) => searchGuidance(entries, query).map((e) => e.id);

test('routes: every route links to itself, and ids that do not fit the schemas are "not found"', () => {
  const routes = [
    { view: 'status' },
    { view: 'contacts' },
    { view: 'booklet' },
    { view: 'booklet', id: '付録-2' },
    { view: 'finding', id: 'usb-unapproved-device/0123456789abcdef' },
    { view: 'alert', id: 'wifi-open-network/fedcba9876543210' },
    { view: 'report' },
    { view: 'report', kind: 'infection' },
    { view: 'report', kind: 'lost-device' },
  ] as const;
  for (const route of routes) expect(parseRoute(href(route))).toEqual(route);
  expect(parseRoute('')).toEqual({ view: 'status' });
  for (const bad of ['#/finding/x', '#/alert/usb/0123', '#/booklet/5章-1', '#/finding/%E0%A4%A', '#/elsewhere', '#/finding/a/0123456789abcdef/extra', '#/report/ransom', '#/report/infection/extra']) {
    expect(parseRoute(bad), bad).toEqual({ view: 'not-found' });
  }
});

test('booklet search: Japanese and English, every word must match, full-width input folded', () => {
  expect(ids('感染')).toContain('4章-5');
  expect(ids('infected')).toContain('4章-5');
  expect(ids('ＵＳＢ　メモリ')).toEqual(ids('usb メモリ'));
  expect(ids('usb メモリ')).toContain('4章-3');
  expect(ids('3.1.1(4)(b)')).toContain('4章-3');
  expect(ids('USB 感染 ありえない語')).toEqual([]);
  expect(ids('   ')).toHaveLength(entries.length);
});
