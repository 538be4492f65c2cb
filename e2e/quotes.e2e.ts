import { describe, expect, it } from 'vitest';
import { DESKTOP, login, screenshot, usePagePerTest, searchAndPick } from './browser.ts';
import { E2E_DEMO_PASSWORD } from './global-setup.ts';

const currentPage = usePagePerTest(DESKTOP);
let quoteUrl = '';

describe('quotes', () => {
  it('a rep’s quote with a discount beyond the limit is flagged, and goes to approval when submitted', async () => {
    const page = currentPage();
    await login(page, 'rep.east1', E2E_DEMO_PASSWORD);
    await page.goto('/quotes');
    await page.getByTestId('quote-create').click();
    await page.waitForURL('**/quotes/new');

    // The first of the rep's open opportunities.
    const opportunity = page.getByTestId('quote-opportunity');
    await opportunity.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await expect.poll(() => page.getByTestId('quote-title').inputValue()).not.toBe('');

    // A meter from the catalogue, priced by the price list with its explanation.
    await searchAndPick(page, page.getByTestId('quote-add-product'), 'DDZY102C', 'DDZY102C', {
      done: async () => (await page.getByTestId('quote-line').count()) === 1,
      close: true,
    });
    await expect.poll(() => page.getByTestId('quote-line-price-source').first().textContent()).toMatch(/价目表|目录价/);
    await page.getByTestId('quote-line-qty').first().fill('200');

    // 5 % is within a rep's 10 %: nothing to approve.
    await page.getByTestId('quote-line-discount').first().fill('5');
    await expect.poll(() => page.getByTestId('quote-line-flag').filter({ hasText: '折扣超权限' }).count()).toBe(0);

    // 18 % is beyond it: the line and the quote are flagged, the reason names the discount and the limit.
    await page.getByTestId('quote-line-discount').first().fill('18');
    await expect.poll(() => page.locator('[data-testid="quote-line-flag"][data-flag="discount_beyond_limit"]').count()).toBe(1);
    const flags = page.getByTestId('quote-approval-flags');
    await expect.poll(() => flags.textContent()).toContain('超出权限 10%');
    expect(await flags.textContent()).toContain('18.00%');
    await expect.poll(() => page.getByTestId('quote-total-words').textContent()).toContain('人民币');
    await screenshot(page, 'desktop-quote-editor-flagged');

    await page.getByTestId('quote-save').click();
    await page.waitForURL(/\/quotes\/[0-9a-f-]{36}$/);
    quoteUrl = new URL(page.url()).pathname;
    await expect.poll(() => page.getByTestId('quote-number').textContent()).toMatch(/^BJ\d{6}-\d{5}$/);
    await expect
      .poll(() => page.locator('[data-testid="quote-approval-reason"][data-code="line_discount_beyond_limit"]').textContent())
      .toContain('超出权限');
    // A flagged draft cannot be sent; it is submitted for approval.
    expect(await page.getByTestId('quote-send').count()).toBe(0);
    await page.getByTestId('quote-submit').click();
    await expect.poll(() => page.getByTestId('quote-status').first().getAttribute('data-status')).toBe('needs_approval');
    await screenshot(page, 'desktop-quote-needs-approval');
  });

  it('the team’s manager approves it in the approvals inbox; it is sent and prints with the total in Chinese capitals', async () => {
    expect(quoteUrl).not.toBe('');
    const page = currentPage();
    await login(page, 'mgr.east', E2E_DEMO_PASSWORD);
    await page.goto(quoteUrl);
    // The approval is decided in the approvals inbox, reached from the quote.
    await page.getByTestId('quote-approval-progress').click();
    await page.waitForURL(/\/approvals\/[0-9a-f-]{36}/);
    await page.getByTestId('approval-approve').click();
    await page.getByTestId('approval-dialog-comment').fill('同意，框架客户');
    await page.getByTestId('approval-dialog-ok').click();
    await expect.poll(() => page.getByTestId('approval-status').first().getAttribute('data-status')).toBe('approved');
    await page.goto(quoteUrl);
    await expect.poll(() => page.getByTestId('quote-status').first().getAttribute('data-status')).toBe('approved');
    await expect.poll(() => page.getByTestId('quote-approval-decision').textContent()).toContain('张伟');
    await page.getByTestId('quote-send').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await expect.poll(() => page.getByTestId('quote-status').first().getAttribute('data-status')).toBe('sent');
    // The printable page carries the totals in figures and in Chinese capitals.
    await page.goto(`${quoteUrl}/print`);
    await expect.poll(() => page.getByTestId('quote-print-words').textContent()).toMatch(/[壹贰叁肆伍陆柒捌玖].*[元整]/);
    expect(await page.getByTestId('quote-print-line').count()).toBe(1);
  });
});
