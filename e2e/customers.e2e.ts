import { describe, expect, it } from 'vitest';
import { DESKTOP, login, pickOption, screenshot, usePagePerTest } from './browser.ts';
import { E2E_DEMO_PASSWORD } from './global-setup.ts';

const currentPage = usePagePerTest(DESKTOP);

describe('a sales rep at a desktop', () => {
  it('lists own customers, is warned of a duplicate while typing, creates a customer and adds a second contact', async () => {
    const page = currentPage();
    await login(page, 'rep.east1', E2E_DEMO_PASSWORD);
    await page.getByTestId('nav-menu').getByText('客户', { exact: true }).click();
    await page.waitForURL('**/customers');
    const table = page.getByTestId('customers-table');
    await expect.poll(() => table.textContent()).toContain('国网江苏省电力有限公司');
    // Own scope: another rep's customer is not listed.
    expect(await table.textContent()).not.toContain('国网浙江省电力有限公司');

    await page.getByTestId('customer-create').click();
    const name = page.getByTestId('customer-name');
    const panel = page.getByTestId('duplicate-panel');
    await name.fill('国网江苏省电力公司');
    await expect.poll(() => panel.getAttribute('data-verdict')).toMatch(/^(block|warn)$/);
    await expect.poll(() => panel.textContent()).toContain('国网江苏省电力有限公司');
    await screenshot(page, 'desktop-customer-duplicate');

    await name.fill('无锡新纪元电气有限公司');
    await expect.poll(() => panel.getAttribute('data-verdict')).toBe('none');
    await pickOption(page, 'customer-type', '工业客户');
    await page.getByTestId('contact-name').fill('周建明');
    await page.getByTestId('contact-mobile').fill('13851234567');
    await page.getByTestId('form-submit').click();

    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('customer-title').textContent()).toBe('无锡新纪元电气有限公司');
    const contacts = page.getByTestId('contacts-panel');
    await expect.poll(() => contacts.textContent()).toContain('周建明');

    await page.getByTestId('contact-add').click();
    await page.getByTestId('contact-name').fill('钱晓燕');
    await page.getByTestId('contact-mobile').fill('13761234567');
    await page.getByTestId('form-submit').click();
    await expect.poll(() => contacts.getByTestId('contact-item').count()).toBe(2);
    const text = (await contacts.textContent()) ?? '';
    expect(text).toContain('周建明');
    expect(text).toContain('钱晓燕');
    // The first contact stays the primary one.
    expect(await contacts.getByTestId('contact-primary-badge').count()).toBe(1);
    await screenshot(page, 'desktop-customer-detail');
  });
});
