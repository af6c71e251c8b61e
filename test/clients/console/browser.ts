/**
 * Playwright (playwright-core from npm, no browser download) on Debian's chromium
 * (`bash infra/install.sh chromium`; CHROMIUM_PATH to use another), at 1280×800, with every page error
 * and failed request kept so a test can assert there were none. `clicks` counts the clicks a person
 * makes, for the closing note's click count.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const VIEWPORT = { width: 1280, height: 800 };

export interface ConsolePage {
  page: Page;
  /** Page errors and console errors seen so far. */
  errors: string[];
  clicks: number;
  click(target: Locator): Promise<void>;
  signIn(key: string): Promise<void>;
  signOut(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: run 'bash infra/install.sh chromium' (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

export async function openConsole(browser: Browser, baseUrl: string, lang = 'zh-CN'): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: lang });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A refused action is a 4xx the page shows on purpose; anything else logged as an error is a bug.
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  await page.goto(`${baseUrl}/console/?lang=${lang}`);
  const cp: ConsolePage = {
    page,
    errors,
    clicks: 0,
    async click(target) {
      cp.clicks++;
      await target.click();
    },
    async signIn(key) {
      await page.locator('#api-key').fill(key);
      await cp.click(page.locator('form.sign-in button[type=submit]'));
      await page.getByTestId('me').waitFor();
    },
    async signOut() {
      await cp.click(page.locator('header .who button').last());
      await page.locator('#api-key').waitFor();
    },
  };
  return cp;
}
