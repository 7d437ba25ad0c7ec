import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { RELEASE_CODE, test } from './support/with-helper';

/**
 * Lifting network isolation with the release code, from the windows, against the real isolation
 * helper: what the screen says is what the helper decided, and every attempt is in its audit log.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function axe(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(result.violations.map((v) => ({ rule: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([]);
}

test('after an infection report the helper cuts the network; the code, folded away on the result, lifts it', async ({ app, helper }) => {
  const { page } = app;
  await app.open('/report/infection');
  await page.getByRole('button', { name: 'ネットワークを切断して報告' }).click();
  await expect(page.locator('main h1')).toHaveText('報告しました');
  const network = page.locator('section[aria-labelledby="network"]');
  await expect(network).toContainText('ネットワークを遮断しました。報告先との通信だけが通じます。');
  expect(helper.firewall.applied, 'the helper applied its rules').not.toBeNull();

  // Someone who has just reported has no code yet: the field is there, but folded away.
  const code = page.getByLabel('解除コード', { exact: true });
  await expect(code).toBeHidden();
  await network.getByText('解除コードを入力').click();
  await expect(code).toHaveAttribute('type', 'password');
  await expect(code).toHaveAccessibleDescription('CSIRT が安全を確かめたあとに伝える解除コードです。');

  await code.fill('KAKU-2025');
  await code.press('Enter');
  await expect(page.locator('.release-answer')).toHaveText('解除コードが違います。');
  await expect(page.locator('#announcer')).toHaveText('解除コードが違います。');
  await expect(code, 'a code is not kept once sent').toHaveValue('');
  expect(helper.firewall.applied).not.toBeNull();
  await axe(page);

  await code.fill(RELEASE_CODE);
  await page.getByRole('button', { name: '遮断を解除する' }).click();
  await expect(page.locator('.release-answer')).toHaveText('ネットワークの遮断を解除しました。');
  expect(helper.firewall.applied).toBeNull();
  expect(await helper.audit()).toEqual(['isolate:ok:tanaka', 'release:denied:tanaka', 'release:authorized:tanaka', 'release:ok:tanaka']);
  await axe(page);
});

test('status window, keyboard only, in English: says the PC is cut off; wrong codes are slowed down', async ({ app, agent, helper }) => {
  const { page } = app;
  await helper.isolate();
  agent.service.setLanguage('en');
  await app.open('/status');
  const panel = page.locator('section.isolation');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Network isolation');
  await expect(panel).toContainText('This PC is cut off from the network.');
  await expect(panel).toContainText('To lift it, enter the release code the CSIRT gives you.');

  for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement?.tagName === 'SUMMARY')); i++) await page.keyboard.press('Tab');
  await expect(panel.locator('summary')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Release code', { exact: true })).toBeFocused();
  for (let i = 1; i <= 5; i++) {
    await page.keyboard.type(`wrong-${i}`);
    await page.keyboard.press('Enter');
    await expect(panel.locator('.release-answer')).toHaveText(i < 5 ? 'Wrong release code.' : 'Wrong release code. You can try again in 30 s.');
  }
  await page.keyboard.type(RELEASE_CODE);
  await page.keyboard.press('Enter');
  await expect(panel.locator('.release-answer')).toHaveText(/^Too many wrong codes\. You can try again in \d+ s\.$/);
  expect(helper.firewall.applied, 'still isolated: not even the right code is checked while locked').not.toBeNull();
  expect((await helper.audit()).at(-1)).toBe('release:rate-limited:tanaka');
  await axe(page);
});

test.describe('a policy without a release code', () => {
  test.use({ releaseCode: null });

  test('staff are told only an administrator can lift it, and whom to phone; no code field', async ({ app, helper }) => {
    const { page } = app;
    await helper.isolate();
    await app.open('/status');
    const panel = page.locator('section.isolation');
    await expect(panel).toContainText('遮断は管理者だけが解除できます。連絡先に電話してください。');
    await expect(panel.locator('.report-phone')).toHaveText('すぐに電話で連絡してください: 架空省CSIRT 03-0000-9110');
    await expect(panel.locator('details.release')).toHaveCount(0);
    await axe(page);
  });
});
