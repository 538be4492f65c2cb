import { describe, expect, inject, it } from 'vitest';
import { DESKTOP, PHONE, launchBrowser, login, newPage, pickOption, screenshot, usePagePerTest } from './browser.ts';
import { E2E_DEMO_PASSWORD } from './global-setup.ts';

const currentPage = usePagePerTest(DESKTOP);

describe('leads', () => {
  it('a rep enters a lead, follows it up and converts it into a customer with a contact and an opportunity', async () => {
    const page = currentPage();
    await login(page, 'rep.east1', E2E_DEMO_PASSWORD);
    await page.goto('/leads');
    await page.getByTestId('lead-create').click();
    const company = '转化测试 洱海云杉计量检测有限公司';
    await page.getByTestId('lead-company').fill(company);
    await page.getByTestId('lead-contact').fill('陆工');
    await page.getByTestId('lead-mobile').fill('17733339901');
    await pickOption(page, 'lead-source', '展会');
    await page.getByTestId('lead-form-submit').click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('lead-title').textContent()).toBe(company);
    await expect.poll(() => page.getByTestId('lead-status').getAttribute('data-status')).toBe('new');

    // A follow-up moves the new lead into follow-up.
    await page.getByTestId('activity-content').fill('电话沟通：实验室 120 只电表的远程抄表需求');
    await page.getByTestId('activity-submit').click();
    await expect.poll(() => page.getByTestId('activity-item').count()).toBe(1);
    await expect.poll(() => page.getByTestId('lead-status').getAttribute('data-status')).toBe('following');

    // The wizard: nothing matches, a new customer; then the opportunity.
    await page.getByTestId('lead-convert').click();
    const wizard = page.getByTestId('convert-wizard');
    await expect.poll(() => wizard.getByTestId('convert-verdict').getAttribute('data-verdict')).toBe('none');
    await screenshot(page, 'leads-convert-check');
    await wizard.getByTestId('convert-next').click();
    await wizard.getByTestId('convert-opportunity-name').fill('实验室远程抄表改造');
    await wizard.getByTestId('convert-amount').fill('256000');
    await wizard.getByTestId('convert-submit').click();
    await wizard.getByTestId('convert-result').waitFor();
    await screenshot(page, 'leads-convert-done');
    await wizard.getByTestId('convert-open-customer').click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('customer-title').textContent()).toBe(company);
    const customerId = page.url().split('/').pop()!;

    // What the conversion made, as the API tells it.
    const detail = await (await page.request.get(`/api/v1/customers/${customerId}`)).json();
    expect(detail.contacts).toEqual([expect.objectContaining({ name: '陆工', isPrimary: true })]);
    const opportunities = await (await page.request.get(`/api/v1/opportunities?customerId=${customerId}`)).json();
    expect(opportunities.items).toEqual([expect.objectContaining({ name: '实验室远程抄表改造', amount: '256000.00' })]);
    const activities = await (await page.request.get(`/api/v1/customers/${customerId}/activities`)).json();
    expect(activities.items).toHaveLength(1);
    const leads = await (await page.request.get(`/api/v1/leads?q=${encodeURIComponent('洱海云杉')}`)).json();
    expect(leads.items[0]).toMatchObject({ status: 'converted', convertedCustomerId: customerId });
  });

  it('a rep enters a lead on a phone with the quick entry and sees it in the card list', async () => {
    const browser = await launchBrowser();
    try {
      const { context, page } = await newPage(browser, inject('baseUrl'), PHONE);
      await login(page, 'rep.east2', E2E_DEMO_PASSWORD);
      await page.goto('/leads');
      await page.getByTestId('lead-quick-create').click();
      const entry = page.getByTestId('lead-quick-entry');
      await entry.getByTestId('quick-company').fill('快速录入测试 宿迁湖滨产业园有限公司');
      await entry.getByTestId('quick-contact').fill('顾经理');
      await entry.getByTestId('quick-mobile').fill('17733339902');
      await entry.getByTestId('quick-source').getByRole('radio', { name: '展会' }).click();
      await screenshot(page, 'leads-quick-entry-phone');
      await entry.getByTestId('quick-save').click();
      await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByTestId('lead-title').textContent()).toBe('快速录入测试 宿迁湖滨产业园有限公司');
      await page.goto('/leads');
      await expect.poll(() => page.getByTestId('lead-card').filter({ hasText: '宿迁湖滨产业园' }).count()).toBe(1);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
