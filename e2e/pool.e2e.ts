import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, login, PHONE, screenshot, usePagePerTest, addTag, searchAndPick } from './browser.ts';
import { E2E_ADMIN_PASSWORD, E2E_DEMO_PASSWORD } from './global-setup.ts';

async function openPool(page: Page): Promise<void> {
  await page.getByTestId('nav-menu').getByText('公海', { exact: true }).click();
  await page.waitForURL('**/customer-pool');
  await expect.poll(() => page.getByTestId('pool-customer').count()).toBeGreaterThan(0);
}

describe('the public pool', () => {
  const desktopPage = usePagePerTest(DESKTOP);

  it('a rep claims a customer from the office pool and sees the quota go down', async () => {
    const page = desktopPage();
    await login(page, 'rep.east2', E2E_DEMO_PASSWORD);
    await openPool(page);
    await expect.poll(() => page.getByTestId('pool-quota').textContent()).toContain('0 / 10');
    await screenshot(page, 'desktop-pool');
    const card = page.getByTestId('pool-customer').first();
    const name = (await card.locator('a').first().textContent()) ?? '';
    await card.getByTestId('pool-claim').click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain(name);
    await expect.poll(() => page.getByTestId('pool-quota').textContent()).toContain('1 / 10');

    // The claimed customer is the rep's own now, with its contacts in the clear.
    await page.getByTestId('nav-menu').getByText('客户', { exact: true }).click();
    await expect.poll(() => page.getByTestId('customers-table').textContent()).toContain(name);
  });

  it('a manager transfers a customer with a reason and tags several at once; the history shows it', async () => {
    const page = desktopPage();
    await login(page, 'mgr.east', E2E_DEMO_PASSWORD);
    await page.getByTestId('nav-menu').getByText('客户', { exact: true }).click();
    const table = page.getByTestId('customers-table');
    await expect.poll(() => table.getByTestId('customer-select').count()).toBeGreaterThan(2);
    await table.getByTestId('customer-select').nth(0).click();
    await table.getByTestId('customer-select').nth(1).click();
    await page.getByTestId('batch-actions').click();
    await page.getByTestId('batch-addTags').click();
    const tags = page.getByTestId('batch-tags');
    await addTag(page, tags, '年度重点');
    await screenshot(page, 'desktop-batch-tags');
    // Close the tag dropdown before confirming.
    await page.getByTestId('batch-modal').locator('.ant-modal-title').click();
    await page
      .getByTestId('batch-modal')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('已完成 2 个客户');

    const row = table.locator('.ant-table-row').filter({ hasText: '黄磊' }).first();
    const customerName = (await row.locator('a').first().textContent()) ?? '';
    await row.locator('a').first().click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await page.getByTestId('customer-transfer').click();
    const owner = page.getByTestId('transfer-owner');
    await searchAndPick(page, owner, '周杰', '周杰');
    await page.getByTestId('reason-input').fill('客户分工调整，由周杰负责南京片区');
    await screenshot(page, 'desktop-transfer');
    await page
      .getByTestId('transfer-modal')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await expect.poll(() => page.getByTestId('customer-detail').textContent()).toContain('负责人：周杰');
    expect(await page.getByTestId('customer-title').textContent()).toBe(customerName);

    await page.getByRole('tab', { name: '历史' }).click();
    const history = page.getByTestId('owner-history');
    await expect.poll(() => history.textContent()).toContain('客户分工调整，由周杰负责南京片区');
    expect(await history.textContent()).toContain('黄磊 → 周杰');
    await screenshot(page, 'desktop-owner-history');

    // The new owner finds the hand-over in the inbox.
    await page.context().clearCookies();
    await login(page, 'rep.east2', E2E_DEMO_PASSWORD);
    await page.goto(new URL('/inbox', page.url()).toString());
    await expect.poll(() => page.locator('body').textContent()).toContain(`张伟将客户“${customerName}”转给了您`);
    await screenshot(page, 'desktop-transfer-notification');
  });

  it('an administrator sees the pools and assignment rules', async () => {
    const page = desktopPage();
    await login(page, 'admin', E2E_ADMIN_PASSWORD);
    await page.goto(new URL('/admin/customer-pools', page.url()).toString());
    await expect.poll(() => page.locator('.ant-table').first().textContent()).toContain('华东大区公海');
    await page.locator('.ant-table-row').filter({ hasText: '华东大区公海' }).click();
    await expect.poll(() => page.getByTestId('pool-form').isVisible()).toBe(true);
    await screenshot(page, 'desktop-pool-settings');
  });
});

describe('the public pool on a phone', () => {
  const phonePage = usePagePerTest(PHONE);

  it('shows one card per customer without horizontal scrolling', async () => {
    const page = phonePage();
    await login(page, 'rep.east3', E2E_DEMO_PASSWORD);
    await page.goto(new URL('/customer-pool', page.url()).toString());
    await expect.poll(() => page.getByTestId('pool-customer').count()).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-pool');
  });

  it('reads in English', async () => {
    const page = phonePage();
    await page.addInitScript(() => window.localStorage.setItem('crm.locale', 'en-US'));
    await login(page, 'rep.east3', E2E_DEMO_PASSWORD);
    await page.goto(new URL('/customer-pool', page.url()).toString());
    await expect.poll(() => page.getByTestId('pool-customer').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('pool-quota').textContent()).toContain('Claimed today');
    expect(await page.getByTestId('pool-claim').first().textContent()).toBe('Claim');
    await screenshot(page, 'phone-pool-en-US');
  });
});
