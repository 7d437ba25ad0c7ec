import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './fixtures';
import { repoRoot } from './support/agent';
import { everythingWrong, WINDOWS } from './windows';

/** Every window in Japanese, for the designer's and reviewers' eyes: test-results/screenshots/<window>.png. */
const SHOTS = path.join(repoRoot, 'test-results/screenshots');

test.beforeAll(() => {
  // Without a Japanese font, headless Chromium draws tofu boxes and the screenshots are useless (Debian: fonts-noto-cjk).
  const japaneseFonts = execFileSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' }).trim();
  expect(japaneseFonts, 'no Japanese font installed: apt-get install fonts-noto-cjk').not.toBe('');
});

for (const w of WINDOWS) {
  test(`screenshot: ${w.name}`, async ({ app, agent }) => {
    await everythingWrong(agent);
    await app.page.setViewportSize(w.size);
    await app.open(w.route(agent));
    await expect(app.page.locator('main h1')).toBeVisible();
    await app.page.screenshot({ path: path.join(SHOTS, `${w.name}.png`), fullPage: true });
  });
}
