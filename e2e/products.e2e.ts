import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launchBrowser, login, newPage, PHONE, pickOption, screenshot, searchAndPick } from './browser.ts';
import { E2E_DEMO_PASSWORD } from './global-setup.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const headersOf = async (page: Page) =>
  (await page.getByTestId('products-table').locator('thead th').allTextContents()).map((t) => t.trim());

async function sheet(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('产品');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Picks products in the price check by material code. */
async function pickProduct(page: Page, code: string): Promise<void> {
  const picker = page.getByTestId('price-tester-products');
  await searchAndPick(page, picker, code, code, { close: true });
}

describe('products and price lists', () => {
  it('a rep sees no floor price or cost, and checks which price a customer gets and why', async () => {
    const { context, page } = await newPage(browser, inject('baseUrl'), DESKTOP, 'zh-CN');
    page.setDefaultTimeout(20_000);
    try {
      await login(page, 'rep.east1', E2E_DEMO_PASSWORD);
      await page.goto('/products');
      await page.getByTestId('products-table').locator('.ant-table-row').first().waitFor();
      const headers = await headersOf(page);
      expect(headers).toContain('目录价');
      expect(headers).not.toContain('底价');
      expect(headers).not.toContain('标准成本');

      await page.goto('/price-lists');
      const customer = page.getByTestId('price-tester-customer');
      await searchAndPick(page, customer, '国网江苏省电力', '国网江苏省电力有限公司（A', {
        done: async () => ((await customer.textContent()) ?? '').includes('国网江苏省电力有限公司'),
      });
      await pickProduct(page, '1101000100');
      await pickProduct(page, '1501000100');
      await page.getByTestId('price-tester-run').click();
      const result = page.getByTestId('price-tester-result');
      await expect.poll(() => result.textContent()).toContain('¥256.50');
      const year = new Date().getFullYear();
      const text = (await result.textContent()) ?? '';
      expect(text).toContain(`${year} 华东区域价目表 · 客户等级 A · 华东`);
      expect(text).toContain('目录价（无适用价目表）');
      expect(text).toContain('¥68,000.00');
      await screenshot(page, 'desktop-price-check');
    } finally {
      await context.close();
    }
  });

  it('a product manager imports a catalogue sheet: row errors first, then the corrected file', async () => {
    const { context, page } = await newPage(browser, inject('baseUrl'), DESKTOP, 'zh-CN');
    page.setDefaultTimeout(20_000);
    try {
      await login(page, 'pm.meter', E2E_DEMO_PASSWORD);
      await page.goto('/products');
      await page.getByTestId('products-table').locator('.ant-table-row').first().waitFor();
      expect(await headersOf(page)).toEqual(expect.arrayContaining(['底价', '标准成本']));

      const header = ['物料编码', '产品名称', '规格型号', '单位', '产品分类', '目录价（含税）', '底价（含税）'];
      await page.getByTestId('product-import').click();
      const input = page.locator('.ant-modal:visible input[type=file]');
      await input.setInputFiles({
        name: '新品.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await sheet([header, ['E2E-0001', '测试集中器', 'DJGZ-E2E', '台', '不存在的分类', 1999, 1800]]),
      });
      await page.getByTestId('product-import-apply').click();
      const report = page.getByTestId('product-import-report');
      await expect.poll(() => report.textContent()).toContain('没有名为“不存在的分类”的启用分类');
      expect(await report.textContent()).toContain('未写入任何数据');
      await screenshot(page, 'desktop-product-import-errors');

      await input.setInputFiles({
        name: '新品.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await sheet([header, ['E2E-0001', '测试集中器', 'DJGZ-E2E', '台', '集中器', 1999, 1800]]),
      });
      await page.getByTestId('product-import-apply').click();
      await expect.poll(() => report.textContent()).toContain('导入完成：新建 1 个');
      await page.keyboard.press('Escape');

      await page.getByTestId('product-search').locator('input').fill('E2E-0001');
      const row = page.getByTestId('products-table').locator('.ant-table-row').filter({ hasText: 'E2E-0001' });
      await expect.poll(() => row.textContent()).toContain('¥1,999.00');
      expect(await row.textContent()).toContain('¥1,800.00');
    } finally {
      await context.close();
    }
  });

  it('on a phone the catalogue is cards and a status filter narrows it', async () => {
    const { context, page } = await newPage(browser, inject('baseUrl'), PHONE, 'zh-CN');
    page.setDefaultTimeout(20_000);
    try {
      await login(page, 'rep.east1', E2E_DEMO_PASSWORD);
      await page.goto('/products');
      await page.getByTestId('product-card').first().waitFor();
      await pickOption(page, 'product-filter-status', '停产', { close: true });
      await expect.poll(async () => (await page.getByTestId('product-card').allTextContents()).every((t) => t.includes('停产'))).toBe(true);
      expect(await page.getByTestId('product-card').count()).toBeGreaterThan(3);
      expect((await page.getByTestId('product-card').first().textContent()) ?? '').not.toContain('底价');
      await screenshot(page, 'phone-products');
    } finally {
      await context.close();
    }
  });
});
