import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, launchBrowser, login, newPage, screenshot, searchAndPick } from './browser.ts';
import { E2E_ADMIN_PASSWORD, E2E_DEMO_PASSWORD } from './global-setup.ts';

let browser: Browser;
let quoteUrl = '';
let quoteNumber = '';

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(viewport: typeof DESKTOP): Promise<Page> {
  const { page } = await newPage(browser, inject('baseUrl'), viewport);
  page.setDefaultTimeout(20_000);
  return page;
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('approvals', () => {
  it('a rep submits a quote with a discount beyond the limit: it goes to the manager’s approvals inbox', async () => {
    const page = await open(DESKTOP);
    try {
      await login(page, 'rep.east2', E2E_DEMO_PASSWORD);
      await page.goto('/quotes/new');
      await page.getByTestId('quote-opportunity').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await expect.poll(() => page.getByTestId('quote-title').inputValue()).not.toBe('');
      await searchAndPick(page, page.getByTestId('quote-add-product'), 'DDZY102C', 'DDZY102C', {
        done: async () => (await page.getByTestId('quote-line').count()) === 1,
        close: true,
      });
      await page.getByTestId('quote-line-qty').first().fill('300');
      await page.getByTestId('quote-line-discount').first().fill('15');
      await expect.poll(() => page.locator('[data-testid="quote-line-flag"][data-flag="discount_beyond_limit"]').count()).toBe(1);
      await page.getByTestId('quote-save').click();
      await page.waitForURL(/\/quotes\/[0-9a-f-]{36}$/);
      quoteUrl = new URL(page.url()).pathname;
      quoteNumber = ((await page.getByTestId('quote-number').textContent()) ?? '').trim();
      await page.getByTestId('quote-submit').click();
      await expect.poll(() => page.getByTestId('quote-status').first().getAttribute('data-status')).toBe('needs_approval');

      // The rep follows it under "started by me".
      await page.getByTestId('quote-approval-progress').click();
      await page.waitForURL(/\/approvals\/[0-9a-f-]{36}/);
      await expect.poll(() => page.getByTestId('approval-title').textContent()).toContain(quoteNumber);
      await expect.poll(() => page.locator('[data-testid="approval-step"][data-state="active"]').textContent()).toContain('直属经理审批');
      expect(await page.getByTestId('approval-approve').count()).toBe(0);
      await screenshot(page, 'desktop-approval-started');
    } finally {
      await page.context().close();
    }
  });

  it('the manager sees the badge and approves it from the inbox on a phone; the quote is approved', async () => {
    expect(quoteUrl).not.toBe('');
    const page = await open(PHONE);
    try {
      await login(page, 'mgr.east', E2E_DEMO_PASSWORD);
      await page.getByTestId('mobile-menu-button').click();
      await expect.poll(() => page.getByTestId('nav-badge-approvals').textContent()).toMatch(/审批\s*\d+/);
      await page.getByTestId('nav-badge-approvals').click();
      await page.waitForURL('**/approvals**');
      const card = page.getByTestId('approval-card').filter({ hasText: quoteNumber });
      await expect.poll(() => card.count()).toBe(1);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, 'phone-approvals-inbox');

      await card.click();
      await page.waitForURL(/\/approvals\/[0-9a-f-]{36}/);
      await expect.poll(() => page.getByTestId('approval-title').textContent()).toContain(quoteNumber);
      // The action bar sits at the bottom of the screen.
      const bar = await page.getByTestId('approval-action-bar').boundingBox();
      expect(bar!.y + bar!.height).toBeGreaterThan(PHONE.height - 120);
      await screenshot(page, 'phone-approval-detail');
      await page.getByTestId('approval-approve').click();
      await page.getByTestId('approval-dialog-comment').fill('同意，注意回款');
      await page.getByTestId('approval-dialog-ok').click();
      await expect.poll(() => page.getByTestId('approval-status').first().getAttribute('data-status')).toBe('approved');
      await expect.poll(() => page.getByTestId('approval-history').textContent()).toContain('同意，注意回款');
      await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
      await screenshot(page, 'phone-approval-approved');

      await page.goto(quoteUrl);
      await expect.poll(() => page.getByTestId('quote-status').first().getAttribute('data-status')).toBe('approved');
      await expect.poll(() => page.getByTestId('quote-approval-decision').textContent()).toContain('张伟');
    } finally {
      await page.context().close();
    }
  });

  it('the manager’s done box on a desktop, and the administrator’s definitions editor', async () => {
    const page = await open(DESKTOP);
    try {
      await login(page, 'mgr.east', E2E_DEMO_PASSWORD);
      await page.goto('/approvals?box=done');
      await expect.poll(() => page.getByTestId('approval-row').filter({ hasText: quoteNumber }).count()).toBe(1);
      await page.getByTestId('approval-row').filter({ hasText: quoteNumber }).click();
      await expect.poll(() => page.getByTestId('approval-title').textContent()).toContain(quoteNumber);
      // The drawer has slid in completely.
      await expect
        .poll(async () => {
          const box = await page.getByTestId('approval-action-bar').boundingBox();
          return box !== null && box.x + box.width <= DESKTOP.width;
        })
        .toBe(true);
      expect(await page.locator('[data-testid="approval-step"][data-state="approved"]').count()).toBe(1);
      await screenshot(page, 'desktop-approvals-done');
      await page.context().close();

      const admin = await open(DESKTOP);
      await login(admin, 'admin', E2E_ADMIN_PASSWORD);
      await admin.goto('/admin/approval-definitions');
      await expect.poll(() => admin.getByTestId('definition-version').count()).toBeGreaterThanOrEqual(1);
      await admin.getByTestId('definition-edit').click();
      await expect.poll(() => admin.getByTestId('step-card').count()).toBe(2);
      await admin.getByTestId('step-add').click();
      await admin.getByTestId('step-name').last().fill('财务复核');
      await screenshot(admin, 'desktop-approval-definition-editor');
      await admin.getByTestId('definition-publish').click();
      await expect.poll(() => admin.getByTestId('definition-version').count()).toBeGreaterThanOrEqual(2);
      await screenshot(admin, 'desktop-approval-definitions');
      // The same in English.
      await admin.evaluate(() => window.localStorage.setItem('crm.locale', 'en-US'));
      await admin.reload();
      await expect.poll(() => admin.locator('h4').first().textContent()).toBe('Approval definitions');
      await expect.poll(() => admin.getByTestId('definition-version').first().textContent()).toContain('Steps: 3');
      await screenshot(admin, 'desktop-approval-definitions-en');
      await admin.goto('/approvals?box=started');
      await expect.poll(() => admin.getByRole('tab', { selected: true }).textContent()).toBe('Started by me');
      await admin.context().close();
    } finally {
      if (!page.isClosed()) await page.context().close();
    }
  });
});
