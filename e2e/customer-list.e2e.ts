import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, launchBrowser, login, newPage, pickOption, screenshot, addTag } from './browser.ts';
import { E2E_DEMO_PASSWORD } from './global-setup.ts';

let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser?.close();
});

/** A fresh page in the given size and UI language, signed in as the manager of 华东大区. */
async function openList(viewport: { width: number; height: number }, language: 'zh-CN' | 'en-US'): Promise<Page> {
  const opened = await newPage(browser, inject('baseUrl'), viewport, language);
  context = opened.context;
  const page = opened.page;
  page.setDefaultTimeout(20_000);
  await page.addInitScript((lang) => window.localStorage.setItem('crm.locale', lang), language);
  await login(page, 'mgr.east', E2E_DEMO_PASSWORD);
  await page.goto('/customers');
  return page;
}

const table = (page: Page) => page.getByTestId('customers-table');
const header = (page: Page) => table(page).locator('.ant-table-thead').textContent();
/** The grade tags of the rendered rows (virtualised: the visible ones). */
const gradesShown = (page: Page) => table(page).locator('.ant-table-row .ant-tag[title]').allTextContents();

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the customer list as a power tool', () => {
  it('filters by grade and tag, hides a column, saves a view, picks it after a reload and exports it', async () => {
    const page = await openList(DESKTOP, 'zh-CN');
    // Other browser tests add customers: the unfiltered list's first rows depend on their order.
    await expect.poll(() => table(page).locator('.ant-table-row').count()).toBeGreaterThan(0);

    await pickOption(page, 'customer-filter-grade', 'A 级', { close: true });
    await page.getByTestId('customer-filter-more').click();
    const tags = page.getByTestId('customer-filter-tags');
    await addTag(page, tags, '集招');
    await page.keyboard.press('Escape');
    await page.waitForURL(/grade=A/);
    await page.waitForURL(/tag=/);
    await expect.poll(() => tags.textContent()).toContain('集招');
    await expect.poll(() => page.getByTestId('customer-filter-more').locator('..').textContent()).toContain('1');
    await expect.poll(() => table(page).textContent()).toContain('国网江苏省电力有限公司');
    await expect.poll(async () => [...new Set(await gradesShown(page))]).toEqual(['A']);
    // A grid company of grade A, but outside 华东大区.
    expect(await table(page).textContent()).not.toContain('国网北京市电力公司');
    await screenshot(page, 'desktop-customer-list-filters');

    await page.getByTestId('columns-button').click();
    const chooser = page.getByTestId('column-chooser');
    await chooser.getByTestId('column-department').locator('input').uncheck();
    await expect.poll(() => header(page)).not.toContain('部门');
    await screenshot(page, 'desktop-customer-list-columns');
    await page.getByTestId('columns-button').click();
    await chooser.waitFor({ state: 'hidden' });

    await page.getByTestId('views-button').click();
    await page.locator('.ant-dropdown-menu').getByText('另存为新视图…').click();
    await page.getByTestId('view-name').fill('华东 A 级集招');
    await page.getByTestId('view-name-ok').click();
    // The saved view's id enters the address through a router replace, not a page load.
    await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(/view=[0-9a-f-]{36}/);
    await expect.poll(() => page.getByTestId('views-button').textContent()).toContain('华东 A 级集招');

    const checkboxes = table(page).locator('.ant-table-row .ant-checkbox-input');
    await checkboxes.nth(0).check();
    await checkboxes.nth(1).check();
    await expect.poll(() => page.getByTestId('customer-selection-count').textContent()).toBe('已选 2 个客户');
    // Selecting does not open the customer.
    expect(new URL(page.url()).pathname).toBe('/customers');
    await screenshot(page, 'desktop-customer-list-selection');
    await page.getByTestId('customer-selection-clear').click();
    await expect.poll(() => page.getByTestId('customer-selection-bar').count()).toBe(0);

    // A reload of the plain list shows everything again; its columns are this browser's choice …
    await page.goto('/customers');
    await expect.poll(async () => new Set(await gradesShown(page)).size).toBeGreaterThan(1);
    expect(await header(page)).not.toContain('部门');
    await page.getByTestId('columns-button').click();
    await page.getByTestId('columns-reset').click();
    await expect.poll(() => header(page)).toContain('部门');
    await page.getByTestId('columns-button').click();
    // … and picking the view brings back its filters and columns.
    await page.getByTestId('views-button').click();
    await page.locator('.ant-dropdown-menu').getByText('华东 A 级集招').click();
    await page.waitForURL(/view=[0-9a-f-]{36}/);
    await expect.poll(() => page.getByTestId('customer-filter-grade').textContent()).toContain('A 级');
    await expect.poll(async () => [...new Set(await gradesShown(page))]).toEqual(['A']);
    await expect.poll(() => header(page)).not.toContain('部门');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('customer-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^customers-\d{8}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toContain('客户名称');
    expect(headers).not.toContain('部门');
    const gradeColumn = headers.indexOf('等级') + 1;
    const names: unknown[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      names.push(sheet.getRow(r).getCell(1).value);
      expect(sheet.getRow(r).getCell(gradeColumn).value).toBe('A');
    }
    expect(names).toContain('国网江苏省电力有限公司');
    expect(names).not.toContain('国网北京市电力公司');
  });

  it('looks right in English at 1440 × 900', async () => {
    const page = await openList(DESKTOP, 'en-US');
    await expect.poll(() => table(page).locator('.ant-table-row').count()).toBeGreaterThan(0);
    await page.getByTestId('customer-filter-more').click();
    await expect.poll(() => page.getByTestId('customer-filter-panel').textContent()).toContain('Department (with sub-departments)');
    await table(page).locator('.ant-table-row .ant-checkbox-input').first().check();
    await expect.poll(() => page.getByTestId('customer-selection-count').textContent()).toBe('1 selected');
    await page.getByTestId('columns-button').click();
    await expect.poll(() => page.getByTestId('column-chooser').textContent()).toContain('Credit limit (CNY)');
    await screenshot(page, 'desktop-customer-list-en');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });

  for (const language of ['zh-CN', 'en-US'] as const) {
    it(`fits a 375 px phone with the filter panel open (${language})`, async () => {
      const page = await openList(PHONE, language);
      await expect.poll(() => page.getByTestId('customer-card').count()).toBeGreaterThan(0);
      await page.getByTestId('customer-filter-more').click();
      await expect.poll(() => page.getByTestId('customer-filter-panel').isVisible()).toBe(true);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `phone-customer-list-${language}`);

      // Select mode: a tap selects a card instead of opening the customer.
      await page.getByTestId('customer-select-mode').click();
      const cards = page.getByTestId('customer-card');
      await cards.nth(0).click();
      await cards.nth(1).click();
      await expect
        .poll(() => page.getByTestId('customer-selection-count').textContent())
        .toBe(language === 'zh-CN' ? '已选 2 个客户' : '2 selected');
      expect(new URL(page.url()).pathname).toBe('/customers');
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await page.getByTestId('customer-selection-bar').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/phone-customer-list-selection-${language}.png` });
    });
  }
});
