import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Lang } from '../../src/shared/localized';
import { expect, test } from './fixtures';
import { everythingWrong, WINDOWS } from './windows';
import { test as withHelper } from './support/with-helper';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** No WCAG 2.1 A/AA violation, and not a single incomplete ("needs review") colour-contrast result either. */
async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(result.violations.map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([]);
  expect(result.incomplete.filter((r) => r.id === 'color-contrast').flatMap((r) => r.nodes.map((n) => n.target.join(' ')))).toEqual([]);
}

/** The administrators' fold on the status window is closed by default; open it so its contents are checked too. */
async function openAdminFold(page: Page): Promise<void> {
  const summary = page.locator('details.admin summary');
  if ((await summary.count()) > 0) await summary.click();
}

for (const lang of ['ja', 'en'] as const satisfies readonly Lang[]) {
  for (const w of WINDOWS) {
    test(`axe (${lang}): ${w.name} has no WCAG 2.1 A/AA violations`, async ({ app, agent }) => {
      await everythingWrong(agent);
      agent.service.setLanguage(lang);
      await app.page.setViewportSize(w.size);
      await app.open(w.route(agent));
      await expect(app.page.locator('html')).toHaveAttribute('lang', lang);
      await openAdminFold(app.page);
      await expectAccessible(app.page);
    });
  }
}

// A state reached by acting, not by route (the report window's not-saved page is checked in report.spec.ts).
for (const lang of ['ja', 'en'] as const satisfies readonly Lang[]) {
  withHelper(`axe (${lang}): status while isolated, release code open, a wrong code answered`, async ({ app, agent, helper }) => {
    await helper.isolate();
    agent.service.setLanguage(lang);
    await app.open('/status');
    await app.page.locator('details.release summary').click();
    await app.page.locator('#release-code').fill('wrong-code');
    await app.page.locator('#release-code').press('Enter');
    await expect(app.page.locator('.release-answer')).toBeVisible();
    await expectAccessible(app.page);
  });
}

test('headings start at h1 and never skip a level, on every window', async ({ app, agent }) => {
  await everythingWrong(agent);
  for (const w of WINDOWS) {
    await app.open(w.route(agent));
    await openAdminFold(app.page);
    const levels = await app.page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
    expect(levels[0], w.name).toBe(1);
    expect(levels.filter((l) => l === 1), w.name).toHaveLength(1);
    levels.forEach((level, i) => i > 0 && expect(level - levels[i - 1]!, `${w.name}: heading ${i}`).toBeLessThanOrEqual(1));
  }
});
