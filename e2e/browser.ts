import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';

/** Debian's chromium, headless, with nothing reaching out to the network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 375, height: 812 };

export async function newPage(
  browser: Browser,
  baseUrl: string,
  viewport = DESKTOP,
  locale = 'zh-CN',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    locale,
    isMobile: viewport.width < 768,
    hasTouch: viewport.width < 768,
  });
  const page = await context.newPage();
  return { context, page };
}

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

/**
 * One browser for the test file and a fresh context (no cookies, no storage) for every test.
 * Call at the top of a test file; read the page through the returned getter inside tests.
 */
export function usePagePerTest(viewport = DESKTOP): () => Page {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  beforeEach(async () => {
    ({ context, page } = await newPage(browser!, inject('baseUrl'), viewport));
    page.setDefaultTimeout(20_000);
  });
  afterEach(async () => {
    await context?.close();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => page!;
}

/**
 * Picks an option of an antd Select by its label, retrying when a click lands while the dropdown is
 * still animating. `close` presses Escape afterwards (multi-selects stay open).
 */
export async function pickOption(page: Page, testId: string, label: string, opts: { close?: boolean } = {}): Promise<void> {
  const select = page.getByTestId(testId);
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first().click();
    try {
      await expect.poll(() => select.textContent(), { timeout: 8_000 }).toContain(label);
      if (opts.close) await page.keyboard.press('Escape');
      return;
    } catch {
      // The click landed while the dropdown was still animating: open it and pick again.
    }
  }
  throw new Error(`could not pick ${label} in ${testId}`);
}
