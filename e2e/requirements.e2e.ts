import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, login, screenshot, searchAndPick, usePagePerTest } from './browser.ts';
import { E2E_DEMO_PASSWORD } from './global-setup.ts';

const currentPage = usePagePerTest(PHONE);
let requirementPath = '';
const newCode = `XQ-E2E-${Date.now().toString(36).toUpperCase()}`;

/** A 1×1 PNG, as a phone camera would hand over a photo. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const status = (page: Page) => page.getByTestId('requirement-status').first().getAttribute('data-status');
const line = (page: Page, position: number) => page.locator(`[data-testid="requirement-line"][data-position="${position}"]`);

describe('requirements on a 375 px phone', () => {
  it('a rep enters a requirement with a catalogue line and a free line with a technical parameter, and submits it', async () => {
    const page = currentPage();
    await login(page, 'rep.east1', E2E_DEMO_PASSWORD);
    await page.getByTestId('mobile-menu-button').click();
    const menu = page.getByTestId('nav-menu');
    await menu.getByText('销售', { exact: true }).click();
    await menu.getByText('需求', { exact: true }).click();
    await page.waitForURL('**/requirements');
    await page.getByTestId('requirement-create').click();
    await page.waitForURL('**/requirements/new');

    await searchAndPick(page, page.getByTestId('requirement-customer').locator('.ant-select').first(), '南京供电', '南京供电分公司');
    await page.getByTestId('requirement-title').fill('江苏电力 2027 年计量改造需求');

    // A meter from the catalogue…
    await searchAndPick(page, page.getByTestId('requirement-add-product'), 'DDZY102C', 'DDZY102C', {
      done: async () => (await page.getByTestId('requirement-line-editor').count()) === 1,
      close: true,
    });
    await page.getByTestId('requirement-line-qty').first().fill('300');
    // …and what the customer described, with a technical parameter.
    await page.getByTestId('requirement-add-free').click();
    const free = page.locator('[data-testid="requirement-line-editor"][data-kind="free"]');
    await free.getByTestId('requirement-line-name').fill('防窃电三相表（定制外壳）');
    await free.getByTestId('requirement-line-unit').fill('只');
    await free.getByTestId('requirement-line-qty').fill('50');
    await free.getByTestId('requirement-line-description').fill('地下配电室，湿度高');
    await free.getByTestId('requirement-parameter-name').first().fill('防护等级');
    await free.getByTestId('requirement-parameter-value').first().fill('IP54');
    // A site photo through the camera button (its input asks phones for the camera).
    const camera = page.getByTestId('requirement-attachments').locator('input[type="file"][capture]');
    expect(await camera.getAttribute('accept')).toBe('image/*');
    await camera.setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PHOTO });
    await expect.poll(() => page.getByTestId('requirement-attachments').textContent()).toContain('现场照片.png');
    await expect.poll(() => page.getByTestId('requirement-save').isEnabled()).toBe(true);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-requirement-form');

    await page.getByTestId('requirement-save-submit').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.waitForURL(/\/requirements\/[0-9a-f-]{36}$/);
    requirementPath = new URL(page.url()).pathname;
    await expect.poll(() => status(page)).toBe('in_review');
    await expect.poll(() => page.getByTestId('requirement-number').textContent()).toMatch(/^XQ\d{6}-\d{5}$/);
    expect(await page.getByTestId('requirement-line').count()).toBe(2);
    await expect.poll(() => line(page, 2).getByTestId('requirement-line-parameters').textContent()).toContain('防护等级：IP54');
    await expect.poll(() => page.getByTestId('requirement-attachment-list').textContent()).toContain('现场照片.png');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-requirement-submitted');
  });

  it('the product manager confirms the catalogue line, enters a new code for the free line, and approves', async () => {
    expect(requirementPath).not.toBe('');
    const page = currentPage();
    await login(page, 'pm.meter', E2E_DEMO_PASSWORD);
    await page.goto(requirementPath);
    await expect.poll(() => page.getByTestId('requirement-review-hint').getAttribute('data-pending')).toBe('2');
    await expect.poll(() => page.getByTestId('approval-approve').isVisible()).toBe(true);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-requirement-review');
    await page.setViewportSize(DESKTOP);
    await expect.poll(() => page.getByTestId('requirement-lines').isVisible()).toBe(true);
    await screenshot(page, 'desktop-requirement-review');
    await page.setViewportSize(PHONE);

    // Line 1: a standard catalogue product (the rep's pick is preselected).
    await line(page, 1).getByTestId('review-standard').click();
    await expect.poll(() => page.getByTestId('review-product').textContent()).toContain('DDZY102C');
    await page.getByTestId('review-confirm').click();
    await expect.poll(() => line(page, 1).getAttribute('data-decision')).toBe('standard');

    // Line 2: a new material code entered by hand; the product is created and the line takes it.
    await line(page, 2).getByTestId('review-new-code').click();
    await page.getByTestId('new-code-material-code').fill(newCode);
    await expect.poll(() => page.getByTestId('new-code-name').inputValue()).toBe('防窃电三相表（定制外壳）');
    await page.getByTestId('new-code-spec').fill('DTZY-E2E 3×220/380V IP54');
    const category = page.getByTestId('new-code-category');
    await category.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await expect.poll(() => category.textContent()).not.toBe('');
    await screenshot(page, 'phone-requirement-new-code');
    await page.getByTestId('review-confirm').click();
    await expect.poll(() => line(page, 2).getAttribute('data-decision')).toBe('new_code');
    await expect.poll(() => line(page, 2).textContent()).toContain(newCode);
    await expect.poll(() => page.getByTestId('requirement-review-hint').getAttribute('data-pending')).toBe('0');

    // Every line decided: the product manager approves the review right on the requirement.
    await page.getByTestId('approval-approve').click();
    await page.getByTestId('approval-dialog-comment').fill('技术可行');
    await page.getByTestId('approval-dialog-ok').click();
    await expect.poll(() => status(page)).toBe('approved');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-requirement-approved');
  });

  it('the rep sees the requirement approved, with the new material code', async () => {
    expect(requirementPath).not.toBe('');
    const page = currentPage();
    await login(page, 'rep.east1', E2E_DEMO_PASSWORD);
    await page.goto(requirementPath);
    await expect.poll(() => status(page)).toBe('approved');
    await expect.poll(() => page.getByTestId('requirement-outcome').textContent()).toContain('技术可行');
    expect(await line(page, 2).textContent()).toContain(newCode);
    // The customer's 360 page lists it.
    await page.getByRole('link', { name: /南京供电分公司/ }).click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}/);
    await page.getByTestId('customer-tabs').getByRole('tab', { name: '关联业务' }).click();
    await expect.poll(() => page.getByTestId('related-requirements').textContent()).toContain('江苏电力 2027 年计量改造需求');
    await screenshot(page, 'phone-customer-requirements-panel');
    await page.goto('/requirements');
    await expect.poll(() => page.getByTestId('requirements-list').textContent()).toContain('江苏电力 2027 年计量改造需求');
    await screenshot(page, 'phone-requirements-list');
    // In English too.
    await page.evaluate(() => window.localStorage.setItem('crm.locale', 'en-US'));
    await page.goto(requirementPath);
    await expect.poll(() => page.getByTestId('requirement-status').first().textContent()).toBe('Approved');
    await screenshot(page, 'phone-requirement-approved-en');
    await page.evaluate(() => window.localStorage.setItem('crm.locale', 'zh-CN'));

    // The same pages on a desktop.
    await page.setViewportSize(DESKTOP);
    await page.goto(requirementPath);
    await expect.poll(() => status(page)).toBe('approved');
    await screenshot(page, 'desktop-requirement-detail');
    await page.goto('/requirements');
    await expect.poll(() => page.getByTestId('requirements-table').textContent()).toContain('江苏电力 2027 年计量改造需求');
    await screenshot(page, 'desktop-requirements-list');
    await page.goto('/requirements/new');
    await expect.poll(() => page.getByTestId('requirement-form').isVisible()).toBe(true);
    await screenshot(page, 'desktop-requirement-form');
  });
});
