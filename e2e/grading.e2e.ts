import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launchBrowser, login, newPage, PHONE, screenshot } from './browser.ts';
import { E2E_ADMIN_PASSWORD, E2E_DEMO_PASSWORD } from './global-setup.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openCustomer(page: Page, name: string): Promise<void> {
  const res = await page.request.get(`/api/v1/customers?q=${encodeURIComponent(name)}`);
  const customer = ((await res.json()) as { items: { id: string; name: string }[] }).items.find((c) => c.name === name);
  if (!customer) throw new Error(`${name} is not visible to this user`);
  await page.goto(`/customers/${customer.id}`);
  await expect.poll(() => page.getByTestId('customer-title').textContent()).toBe(name);
}

describe('customer grading', () => {
  it('a manager overrides a grade with a reason and finds it in the History tab', async () => {
    const { context, page } = await newPage(browser, inject('baseUrl'), DESKTOP, 'zh-CN');
    page.setDefaultTimeout(20_000);
    try {
      await login(page, 'mgr.east', E2E_DEMO_PASSWORD);
      await openCustomer(page, '国网江苏省电力有限公司');
      expect(await page.getByTestId('grade-overridden').count()).toBe(0);

      await page.getByTestId('grade-actions').click();
      await page.locator('.ant-dropdown:visible').getByText('调整等级', { exact: true }).click();
      const dialog = page.getByTestId('grade-dialog');
      await dialog.getByTestId('grade-options').getByText('B', { exact: true }).click();
      await dialog.getByTestId('grade-reason').fill('集团框架协议延期，暂按 B 级管理');
      await screenshot(page, 'desktop-grade-dialog');
      await page
        .locator('.ant-modal:visible')
        .getByRole('button', { name: /保\s*存/ })
        .click();

      // The grade tag carries the override marker; its tooltip names the rule grade.
      const tag = page.getByTestId('grade-overridden');
      await expect.poll(() => tag.textContent()).toContain('B');
      await tag.hover();
      await expect.poll(() => page.locator('.ant-tooltip:visible').textContent()).toContain('规则等级');

      await page.getByTestId('customer-tabs').getByText('历史', { exact: true }).click();
      const history = page.getByTestId('grade-history');
      await expect.poll(() => history.textContent()).toContain('集团框架协议延期，暂按 B 级管理');
      const text = (await history.textContent()) ?? '';
      expect(text).toContain('人工调整');
      expect(text).toContain('张伟');
      await screenshot(page, 'desktop-grade-history');

      // Back to the rule's grade: the marker goes, the history says so.
      await page.getByTestId('grade-actions').click();
      await page.locator('.ant-dropdown:visible').getByText('恢复规则等级', { exact: true }).click();
      await page.locator('.ant-modal-confirm:visible').getByRole('button', { name: '恢复规则等级' }).click();
      await expect.poll(() => page.getByTestId('grade-overridden').count()).toBe(0);
      await expect.poll(() => history.getByText('恢复规则等级').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it('shows the history and the grading settings on a phone and in English', async () => {
    const phone = await newPage(browser, inject('baseUrl'), PHONE, 'zh-CN');
    try {
      await login(phone.page, 'mgr.east', E2E_DEMO_PASSWORD);
      await openCustomer(phone.page, '国网江苏省电力有限公司');
      await screenshot(phone.page, 'phone-grade-header');
      await phone.page.getByTestId('customer-tabs').getByText('历史', { exact: true }).click();
      await expect.poll(() => phone.page.getByTestId('grade-history').textContent()).toContain('人工调整');
      await screenshot(phone.page, 'phone-grade-history');
      // The header in English.
      await phone.page.evaluate(() => window.localStorage.setItem('crm.locale', 'en-US'));
      await phone.page.reload();
      await expect.poll(() => phone.page.getByTestId('grade-actions').textContent()).toContain('Grade');
      await screenshot(phone.page, 'phone-grade-header-en');
    } finally {
      await phone.context.close();
    }
    const admin = await newPage(browser, inject('baseUrl'), DESKTOP, 'en-US');
    try {
      await admin.page.addInitScript(() => window.localStorage.setItem('crm.locale', 'en-US'));
      await login(admin.page, 'admin', E2E_ADMIN_PASSWORD);
      await openCustomer(admin.page, '国网江苏省电力有限公司');
      await admin.page.getByTestId('customer-tabs').getByText('History', { exact: true }).click();
      await expect.poll(() => admin.page.getByTestId('grade-history').textContent()).toContain('Manual');
      await screenshot(admin.page, 'desktop-grade-history-en');
      await admin.page.goto('/admin/customer-grading');
      const form = admin.page.getByTestId('grading-settings-form');
      await expect.poll(() => admin.page.getByTestId('grading-thresholdA').inputValue()).toBe('5000000.00');
      expect(await form.textContent()).toContain('Grade A: signed amount from');
      // B above A is refused on the form, before anything is sent.
      await admin.page.getByTestId('grading-thresholdB').fill('6000000');
      await admin.page.getByTestId('grading-save').click();
      await expect.poll(() => form.textContent()).toMatch(/A > B > C > 0/);
      await screenshot(admin.page, 'desktop-grading-settings-en');
    } finally {
      await admin.context.close();
    }
  });
});
