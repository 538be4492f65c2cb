import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, login, screenshot, searchAndPick, usePagePerTest } from './browser.ts';
import { E2E_DEMO_PASSWORD } from './global-setup.ts';

const currentPage = usePagePerTest(DESKTOP);

describe('contracts', () => {
  it('a rep drafts a contract for a customer, with catalogue lines and 30/60/10 terms, sees the review and submits it', async () => {
    const page = currentPage();
    // A rep of the northern office: the approval task lands with mgr.north, whose inbox no other test reads.
    await login(page, 'rep.north1', E2E_DEMO_PASSWORD);
    await page.goto('/contracts');
    await page.getByTestId('contract-create').click();
    await page.waitForURL('**/contracts/new');

    // A blank contract for one of the rep's customers.
    await searchAndPick(page, page.getByTestId('contract-customer'), '北京市电力', '国网北京市电力公司');
    await page.getByTestId('contract-new-submit').click();
    await page.waitForURL(/\/contracts\/[0-9a-f-]{36}\?/);
    await expect.poll(() => page.getByTestId('contract-editing').count()).toBe(1);
    await expect.poll(() => page.getByTestId('contract-status').first().getAttribute('data-status')).toBe('draft');

    // Two meters from the catalogue: one at its list price, one priced by hand below its floor price.
    const picker = page.getByTestId('contract-add-product');
    await searchAndPick(page, picker, '1101000100', '1101000100', {
      done: async () => (await page.getByTestId('contract-line').count()) === 1,
      close: true,
    });
    await searchAndPick(page, picker, '1101000112', '1101000112', {
      done: async () => (await page.getByTestId('contract-line').count()) === 2,
      close: true,
    });
    await page.getByTestId('contract-line-qty').nth(0).fill('500');
    await page.getByTestId('contract-line-qty').nth(1).fill('200');
    await page.getByTestId('contract-line-unit-price').nth(1).fill('300');
    // 500 × 285.00 + 200 × 300 while editing, summed exactly.
    await expect.poll(() => page.getByTestId('contract-total').textContent()).toBe('¥202,500.00');

    // Payment terms 30/60/10 from the preset; the live sum says when the shares do not add up to 100.
    await page.getByTestId('contract-tab-terms').click();
    await page.getByTestId('contract-terms-preset-30-60-10').click();
    await expect.poll(() => page.getByTestId('contract-term').count()).toBe(3);
    await expect.poll(() => page.getByTestId('contract-terms-sum').getAttribute('data-ok')).toBe('true');
    await page.getByTestId('contract-term-percent').nth(2).fill('5');
    await expect.poll(() => page.getByTestId('contract-terms-sum').getAttribute('data-ok')).toBe('false');
    expect(await page.getByTestId('contract-terms-sum').textContent()).toContain('95%');
    await page.getByTestId('contract-term-percent').nth(2).fill('10');
    await expect.poll(() => page.getByTestId('contract-terms-sum').getAttribute('data-ok')).toBe('true');
    await screenshot(page, 'desktop-contract-editing-terms');

    await page.getByTestId('contract-save').click();
    await expect.poll(() => page.getByTestId('contract-editing').count()).toBe(0);
    await expect.poll(() => page.getByTestId('contract-amount').textContent()).toBe('¥202,500.00');

    // The server's review: the hand-priced line is below its floor price, shown on the line and in the review tab.
    await page.getByTestId('contract-tab-lines').click();
    await expect.poll(() => page.locator('[data-testid="contract-line-finding"][data-rule="price_floor"]').count()).toBe(1);
    await page.getByTestId('contract-tab-review').click();
    const floorFinding = page.locator('[data-testid="contract-review-finding"][data-rule="price_floor"]');
    await expect.poll(() => floorFinding.count()).toBe(1);
    expect(await floorFinding.getAttribute('data-level')).not.toBe('pass');
    expect(await floorFinding.textContent()).toContain('1101000112');
    await expect.poll(() => page.getByTestId('contract-review-route').textContent()).toContain('销售经理');
    // The payment terms pass the completeness rule now: no finding beside them.
    await page.getByTestId('contract-tab-terms').click();
    expect(await page.locator('[data-testid="contract-terms-findings"] [data-rule="completeness"]').count()).toBe(0);
    await expect.poll(() => page.getByTestId('contract-term-view').count()).toBe(3);
    await page.getByTestId('contract-tab-review').click();
    await screenshot(page, 'desktop-contract-review');

    // Submitted for approval (a blocking finding asks for the special-approval reason first).
    await page.getByTestId('contract-action-submit').click();
    const reason = page.getByTestId('contract-dialog-reason');
    const confirm = page.getByTestId('contract-confirm-ok');
    await expect.poll(async () => (await reason.count()) + (await confirm.count())).toBe(1);
    if ((await reason.count()) === 1) {
      await reason.fill('战略客户首单，低价经总经理同意');
      await page.getByTestId('contract-dialog-ok').click();
    } else {
      await confirm.click();
    }
    await expect.poll(() => page.getByTestId('contract-status').first().getAttribute('data-status')).toBe('in_review');
    await expect.poll(() => page.getByTestId('contract-number').getAttribute('data-number')).toMatch(/^HT\d{6}-\d{5}$/);
    await page.getByTestId('contract-tab-approval').click();
    await expect.poll(() => page.getByTestId('approval-detail').count()).toBe(1);
    await screenshot(page, 'desktop-contract-in-review');

    // The list shows it in review with its amount; on a phone the contract is cards with a bottom action bar.
    const number = (await page.getByTestId('contract-number').getAttribute('data-number'))!;
    const contractUrl = new URL(page.url()).pathname;
    await page.goto(`/contracts?status=in_review&q=${encodeURIComponent(number)}`);
    await expect.poll(() => page.getByTestId('contract-row').count()).toBe(1);
    expect(await page.getByTestId('contract-row-amount').textContent()).toBe('¥202,500.00');
    await page.setViewportSize(PHONE);
    await page.goto(`${contractUrl}?tab=lines`);
    await expect.poll(() => page.getByTestId('contract-line').count()).toBe(2);
    await expect.poll(() => page.getByTestId('contract-bottom-bar').count()).toBe(1);
    expect(await page.getByTestId('contract-action-withdraw').count()).toBe(1);
    await screenshot(page, 'phone-contract-in-review');
  });
});
