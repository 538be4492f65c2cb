import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, launchBrowser, login, newPage, screenshot, usePagePerTest } from './browser.ts';
import { E2E_DEMO_PASSWORD } from './global-setup.ts';

const currentPage = usePagePerTest(DESKTOP);

const COMPANY = '杭州钱江电力科技有限公司';

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Types part of a name into the create drawer and waits for the registry's suggestions. */
async function searchRegistry(page: Page, text: string, expected: string): Promise<void> {
  await page.getByTestId('customer-create').click();
  await page.getByTestId('customer-name').fill(text);
  const option = page.locator('.ant-select-dropdown:visible [data-testid="registry-option"]').filter({ hasText: expected }).first();
  await option.waitFor({ state: 'visible' });
}

async function pickRegistryOption(page: Page, name: string): Promise<void> {
  await page.locator('.ant-select-dropdown:visible [data-testid="registry-option"]').filter({ hasText: name }).first().click();
  await page.getByTestId('registry-picked').waitFor({ state: 'visible' });
}

async function openCustomers(page: Page): Promise<void> {
  await page.goto('/customers');
  await page.getByTestId('customer-create').waitFor({ state: 'visible' });
}

describe('a sales rep creates a customer from the business registry', () => {
  it('types part of a name, picks the registry match, gets the form filled and the registry tab filled in', async () => {
    const page = currentPage();
    await login(page, 'rep.east3', E2E_DEMO_PASSWORD);
    await openCustomers(page);
    await searchRegistry(page, '钱江电力', COMPANY);
    await screenshot(page, 'registry-desktop-zh-suggestions');
    await pickRegistryOption(page, COMPANY);

    const creditCode = page.getByTestId('customer-credit-code');
    await expect.poll(() => creditCode.inputValue()).toMatch(/^91330102[0-9A-HJ-NPQRTUWXY]{10}$/);
    const code = await creditCode.inputValue();
    expect(await page.getByTestId('customer-name').inputValue()).toBe(COMPANY);
    const drawer = page.locator('.ant-drawer');
    expect(await drawer.getByLabel('省份', { exact: true }).inputValue()).toBe('浙江');
    expect(await drawer.getByLabel('城市', { exact: true }).inputValue()).toBe('杭州');
    expect(await drawer.getByLabel('详细地址', { exact: true }).inputValue()).toContain('浙江省杭州市上城区');
    expect(await page.getByTestId('customer-type').textContent()).toContain('经销商');
    await expect.poll(() => page.getByTestId('duplicate-panel').getAttribute('data-verdict')).toBe('none');
    await screenshot(page, 'registry-desktop-zh-drawer');

    await page.getByTestId('form-submit').click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('customer-title').textContent()).toBe(COMPANY);
    await expect.poll(() => page.getByTestId('customer-descriptions').textContent()).toContain(code);

    await page.getByRole('tab', { name: '工商信息' }).click();
    const tab = page.getByTestId('registry-tab');
    const snapshot = tab.getByTestId('registry-snapshot');
    await expect.poll(() => snapshot.textContent()).toContain(COMPANY);
    const text = (await snapshot.textContent()) ?? '';
    expect(text).toMatch(/万元人民币/);
    expect(text).toMatch(/存续|在业/);
    await expect.poll(() => tab.textContent()).toContain('暂无变更记录');

    await tab.getByTestId('registry-refresh').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('工商信息已更新');
    await screenshot(page, 'registry-desktop-zh-tab');
  });
});

describe('the registry screens in both languages, on a desktop and a 375 px phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  for (const [viewport, locale] of [
    [DESKTOP, 'en-US'],
    [PHONE, 'zh-CN'],
    [PHONE, 'en-US'],
  ] as const) {
    const device = viewport === DESKTOP ? 'desktop' : 'phone';
    it(`${device} ${locale}: suggestions, filled drawer and the registry tab`, async () => {
      const { context, page } = await newPage(browser, inject('baseUrl'), viewport, locale);
      page.setDefaultTimeout(20_000);
      await context.addInitScript((language) => window.localStorage.setItem('crm.locale', language), locale);
      try {
        await login(page, 'rep.east3', E2E_DEMO_PASSWORD);
        await openCustomers(page);
        await searchRegistry(page, '国网浙江', '国网浙江省电力有限公司杭州供电公司');
        await screenshot(page, `registry-${device}-${locale}-suggestions`);
        await pickRegistryOption(page, '国网浙江省电力有限公司杭州供电公司');
        await expect.poll(() => page.getByTestId('customer-credit-code').inputValue()).toMatch(/^91330102/);
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, `registry-${device}-${locale}-drawer`);

        await page.goto('/customers');
        await page.getByTestId('customer-create').waitFor({ state: 'visible' });
        await page.getByText(COMPANY).first().click();
        await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
        await page.getByRole('tab', { name: locale === 'zh-CN' ? '工商信息' : 'Registry' }).click();
        await expect.poll(() => page.getByTestId('registry-snapshot').textContent()).toContain(COMPANY);
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, `registry-${device}-${locale}-tab`);
      } finally {
        await context.close();
      }
    });
  }
});
