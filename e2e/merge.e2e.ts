import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, login, screenshot, usePagePerTest, searchAndPick } from './browser.ts';
import { E2E_DEMO_PASSWORD } from './global-setup.ts';

const currentPage = usePagePerTest(DESKTOP);

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Creates a customer through the API as the signed-in user (the duplicate warning acknowledged). */
async function createCustomer(page: Page, body: Record<string, unknown>): Promise<string> {
  const session = await (await page.request.get('/api/v1/auth/session')).json();
  const res = await page.request.post('/api/v1/customers', {
    data: { type: 'industrial', acknowledgeDuplicates: true, ...body },
    headers: { 'x-csrf-token': session.csrfToken },
  });
  if (res.status() !== 201) throw new Error(`create customer: ${res.status()} ${await res.text()}`);
  return (await res.json()).id;
}

/** Opens the merge dialog on the survivor's page and picks the duplicate by searching for it. */
async function pickDuplicate(page: Page, search: string, name: string) {
  await page.getByTestId('customer-merge').click();
  const dialog = page.getByTestId('merge-dialog');
  await searchAndPick(page, dialog.getByTestId('merge-pick'), search, name, {
    done: () => dialog.getByTestId('merge-next').isEnabled(),
  });
  await dialog.getByTestId('merge-next').click();
  await expect.poll(() => dialog.getByTestId('merge-merged-name').textContent()).toBe(name);
  return dialog;
}

describe('customer merge', () => {
  it('a manager merges a duplicate into a customer, keeps the chosen field, sees the moved contact, and undoes it', async () => {
    const page = currentPage();
    await login(page, 'mgr.east', E2E_DEMO_PASSWORD);
    const survivorId = await createCustomer(page, {
      name: '扬州广陵智能电气有限公司',
      industry: '电气设备',
      city: '扬州',
      contacts: [{ name: '孔经理', mobile: '13952710001' }],
    });
    await createCustomer(page, {
      name: '扬州市广陵智能电气股份有限公司',
      industry: '智能仪表',
      city: '扬州',
      address: '广陵区文昌东路 18 号',
      contacts: [{ name: '严工', mobile: '13952710002' }],
    });
    await page.goto(`/customers/${survivorId}`);
    const dialog = await pickDuplicate(page, '广陵智能', '扬州市广陵智能电气股份有限公司');
    // Only differing fields are offered: the city is the same on both sides.
    expect(await dialog.getByTestId('merge-field-city').count()).toBe(0);
    await dialog.getByTestId('merge-field-industry-merged').click();
    await dialog.getByTestId('merge-field-address-merged').click();
    await dialog.getByTestId('merge-reason').fill('同一家公司，名称录入不一致');
    await screenshot(page, 'desktop-merge-dialog-zh');
    await page.setViewportSize(PHONE);
    // The layout follows the new width on the next media-query events, not at once.
    await expect.poll(() => overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-merge-dialog-zh');
    await page.setViewportSize(DESKTOP);
    await dialog.getByTestId('merge-confirm').click();

    const banner = page.getByTestId('merge-banner');
    await expect.poll(() => banner.textContent()).toContain('扬州市广陵智能电气股份有限公司');
    await expect.poll(() => page.getByTestId('contacts-panel').textContent()).toContain('严工');
    expect(await page.getByTestId('customer-detail').textContent()).toContain('智能仪表');
    await screenshot(page, 'desktop-merge-banner-zh');

    // The merged customer is gone from the list.
    await page.goto('/customers');
    await expect.poll(() => page.getByTestId('customers-table').textContent()).toContain('扬州广陵智能电气有限公司');
    expect(await page.getByTestId('customers-table').textContent()).not.toContain('扬州市广陵智能电气股份有限公司');

    await page.goto(`/customers/${survivorId}`);
    await page.getByTestId('merge-undo').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-dangerous').click();
    await expect.poll(() => page.getByTestId('merge-banner').count()).toBe(0);
    await expect.poll(() => page.getByTestId('contacts-panel').textContent()).not.toContain('严工');
    expect(await page.getByTestId('customer-detail').textContent()).toContain('电气设备');
  });

  it('the merge dialog on a 375 px phone, in English', async () => {
    const page = currentPage();
    await page.setViewportSize(PHONE);
    await login(page, 'mgr.intl', E2E_DEMO_PASSWORD);
    const survivorId = await createCustomer(page, {
      name: 'Nairobi Grid Solutions Ltd.',
      type: 'overseas',
      country: 'Kenya',
      city: 'Nairobi',
      industry: 'Utilities',
    });
    await createCustomer(page, {
      name: 'Nairobi Grid Systems Ltd.',
      type: 'overseas',
      country: 'Kenya',
      city: 'Nairobi',
      industry: 'Metering',
      address: 'Mombasa Road 12, Nairobi',
    });
    await page.goto(`/customers/${survivorId}`);
    const dialog = await pickDuplicate(page, 'Nairobi Grid', 'Nairobi Grid Systems Ltd.');
    await dialog.getByTestId('merge-field-industry-merged').click();
    await dialog.getByTestId('merge-reason').fill('Entered twice');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-merge-dialog-en');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'desktop-merge-dialog-en');
  });
});
