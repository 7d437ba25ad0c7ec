import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { unknownStick } from './support/agent';

/*
 * Keyboard only: after opening the window, every step is page.keyboard (Tab, Shift+Tab, Enter,
 * Space, typing). Reading the page to know where focus is does not count as using it.
 */

/** The focused element as a user would name it: its text, or #id for a text box. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el instanceof HTMLInputElement ? `#${el.id}` : (el?.textContent?.trim() ?? '');
  });

/** Presses Tab (or Shift+Tab) until the focused element's text matches, as a keyboard user would. */
async function tabTo(page: Page, text: string | RegExp, key: 'Tab' | 'Shift+Tab' = 'Tab', limit = 40): Promise<void> {
  const matches = (s: string) => (typeof text === 'string' ? s === text : text.test(s));
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    if (matches(await focused(page))) return;
  }
  throw new Error(`${String(text)} not reached with ${key} in ${limit} presses (last: "${await focused(page)}")`);
}

test('check now, open the finding, switch language and search the booklet, by keyboard alone', async ({ app, agent }) => {
  const { page } = app;
  await app.open('/status');
  agent.boundary.usb = [unknownStick];

  // The first Tab lands on the skip link, which takes focus to the page's heading.
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('本文へ移動');
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

  await tabTo(page, 'USB機器を今すぐ確認');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name: /ACME Flash Disk/ })).toBeVisible();
  // The re-render after the check keeps focus on the button the user pressed.
  expect(await focused(page)).toBe('USB機器を今すぐ確認');

  await tabTo(page, /ACME Flash Disk/, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('検出した内容');
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

  await tabTo(page, 'English', 'Shift+Tab');
  await page.keyboard.press('Space');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What was found');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await focused(page)).toBe('English');

  await tabTo(page, 'Booklet', 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Booklet');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('#booklet-search');
  await page.keyboard.type('感染');
  await expect(page.getByRole('link', { name: /4章-5/ })).toBeVisible();
  await tabTo(page, /4章-5/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('4章-5');
});

test('the mail button on an alert works with Enter and with Space', async ({ app, agent }) => {
  const { page } = app;
  agent.boundary.usb = [unknownStick];
  await agent.recheck('usb');
  await app.open(`/alert/${agent.finding('usb-unapproved-device').id}`);
  await tabTo(page, '承認を依頼する');
  await page.keyboard.press('Enter');
  await expect.poll(() => agent.opened.length).toBe(1);
  await tabTo(page, '報告する');
  await page.keyboard.press('Space');
  await expect.poll(() => agent.opened.length).toBe(2);
  expect(agent.opened[1]).toMatch(/^mailto:csirt%40example\.go\.jp/);
});

test('focus and the search text survive a snapshot that re-renders the window', async ({ app, agent }) => {
  const { page } = app;
  await app.open('/booklet');
  await tabTo(page, '#booklet-search');
  await page.keyboard.type('USB');
  // The language changes from elsewhere (another window): the agent pushes a snapshot, all text re-renders.
  agent.service.setLanguage('en');
  await expect(page.getByLabel('Search the booklet')).toHaveValue('USB');
  await expect(page.getByLabel('Search the booklet')).toBeFocused();
  await page.keyboard.type(' memory');
  await expect(page.getByLabel('Search the booklet')).toHaveValue('USB memory');
  await expect(page.getByRole('link', { name: /4章-3 When using USB memory/ })).toBeVisible();
});
