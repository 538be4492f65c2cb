import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
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
    try {
      await select.click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: label })
        .first()
        .click({ timeout: 8_000 });
      await expect.poll(() => select.textContent(), { timeout: 8_000 }).toContain(label);
      if (opts.close) await page.keyboard.press('Escape');
      return;
    } catch {
      // The click landed while the dropdown was still animating, or it closed under the pointer:
      // close it and pick again.
      await page.keyboard.press('Escape');
    }
  }
  throw new Error(`could not pick ${label} in ${testId}`);
}

/**
 * Types into a searchable antd Select and picks the first option showing `option`. The search text
 * is filled into the select's own input (not typed at whatever has the focus), and the whole step is
 * repeated when the answer is slow or the click lands while the dropdown animates. `done` tells when
 * the pick has taken (default: the select shows the option's text); `close` presses Escape after.
 */
export async function searchAndPick(
  page: Page,
  select: Locator,
  search: string,
  option: string,
  opts: { done?: () => Promise<boolean>; close?: boolean } = {},
): Promise<void> {
  const done = opts.done ?? (async () => ((await select.textContent()) ?? '').includes(option));
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await select.click();
      await select.locator('input').first().fill(search);
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option')
        .filter({ hasText: option })
        .first()
        .click({ timeout: 10_000 });
      await expect.poll(done, { timeout: 8_000 }).toBe(true);
      if (opts.close) await page.keyboard.press('Escape');
      return;
    } catch {
      // A slow answer or a click during the dropdown's animation: close it and try once more.
      await page.keyboard.press('Escape');
    }
  }
  throw new Error(`could not pick ${option} after searching ${search}`);
}

/** Types a new value into a tags-mode antd Select and confirms it with Enter. */
export async function addTag(page: Page, select: Locator, tag: string): Promise<void> {
  await select.click();
  await select.locator('input').first().fill(tag);
  await page.keyboard.press('Enter');
  await expect.poll(() => select.textContent()).toContain(tag);
}
