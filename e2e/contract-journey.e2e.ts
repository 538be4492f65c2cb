import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, login, screenshot, searchAndPick, usePagePerTest } from './browser.ts';
import { E2E_DEMO_PASSWORD } from './global-setup.ts';

/**
 * The contract journey on a 375 px phone: requirement → product-manager review with a new material
 * code → contract from the requirement → product-list annex → low-margin warning → approvals by the
 * manager and the director → signed original archived → signed.
 */
const currentPage = usePagePerTest(PHONE);
const code = `HT-E2E-${Date.now().toString(36).toUpperCase()}`;
let requirementPath = '';
let contractPath = '';
let contractNumber = '';

/** A one-page PDF, small enough to write by hand. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 400]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

const requirementStatus = (page: Page) => page.getByTestId('requirement-status').first().getAttribute('data-status');
const contractStatus = (page: Page) => page.getByTestId('contract-status').first().getAttribute('data-status');
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The customer's product-list annex: a title row, the header, the new product and one row the catalogue does not know. */
async function annex(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('附件一');
  sheet.addRow(['附件一：产品清单']);
  sheet.addRow(['序号', '物料编码', '规格型号', '产品名称', '数量', '含税单价', '交货日期']);
  sheet.addRow([1, code, null, '防窃电三相表（定制外壳）', 80, 1000, '2027-03-31']);
  sheet.addRow([2, 'NO-SUCH-CODE-9', null, '未知产品', 5, 100, null]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Opens the approval of the contract in the signed-in user's inbox and approves it. */
async function approveInInbox(page: Page, comment: string): Promise<void> {
  await page.goto('/approvals');
  const card = page.getByTestId('approval-card').filter({ hasText: contractNumber });
  await expect.poll(() => card.count()).toBe(1);
  await card.click();
  await page.waitForURL(/\/approvals\/[0-9a-f-]{36}/);
  await page.getByTestId('approval-approve').click();
  await page.getByTestId('approval-dialog-comment').fill(comment);
  await page.getByTestId('approval-dialog-ok').click();
  await expect.poll(() => page.getByTestId('approval-approve').count()).toBe(0);
}

describe('contract journey on a phone', () => {
  it('a rep enters a requirement for a product the catalogue does not have', async () => {
    const page = currentPage();
    await login(page, 'rep.east1', E2E_DEMO_PASSWORD);
    await page.goto('/requirements/new');
    await searchAndPick(page, page.getByTestId('requirement-customer').locator('.ant-select').first(), '南京供电', '南京供电分公司');
    await page.getByTestId('requirement-title').fill('地下配电室防窃电表需求');
    await page.getByTestId('requirement-add-free').click();
    const free = page.locator('[data-testid="requirement-line-editor"][data-kind="free"]');
    await free.getByTestId('requirement-line-name').fill('防窃电三相表（定制外壳）');
    await free.getByTestId('requirement-line-unit').fill('只');
    await free.getByTestId('requirement-line-qty').fill('50');
    await free.getByTestId('requirement-parameter-name').first().fill('防护等级');
    await free.getByTestId('requirement-parameter-value').first().fill('IP54');
    await expect.poll(() => page.getByTestId('requirement-save').isEnabled()).toBe(true);
    await page.getByTestId('requirement-save-submit').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.waitForURL(/\/requirements\/[0-9a-f-]{36}$/);
    requirementPath = new URL(page.url()).pathname;
    await expect.poll(() => requirementStatus(page)).toBe('in_review');
  });

  it('the product manager enters the new material code with its cost, and approves', async () => {
    expect(requirementPath).not.toBe('');
    const page = currentPage();
    await login(page, 'pm.meter', E2E_DEMO_PASSWORD);
    await page.goto(requirementPath);
    const line = page.locator('[data-testid="requirement-line"][data-position="1"]');
    await line.getByTestId('review-new-code').click();
    await page.getByTestId('new-code-material-code').fill(code);
    await page.getByTestId('new-code-spec').fill('DTZY-E2E 3×220/380V IP54');
    const category = page.getByTestId('new-code-category');
    await category.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    // Priced at 1,000 incl. tax with a standard cost of 820 excl. tax: a gross margin of about 7 %.
    await page.getByTestId('new-code-list-price').fill('1000');
    await page.getByTestId('new-code-standard-cost').fill('820');
    await page.getByTestId('review-confirm').click();
    await expect.poll(() => line.getAttribute('data-decision')).toBe('new_code');
    await page.getByTestId('approval-approve').click();
    await page.getByTestId('approval-dialog-comment').fill('定制外壳可做');
    await page.getByTestId('approval-dialog-ok').click();
    await expect.poll(() => requirementStatus(page)).toBe('approved');
  });

  it('the rep makes the contract from the requirement, imports the annex, sees the low-margin warning and submits', async () => {
    expect(requirementPath).not.toBe('');
    const page = currentPage();
    await login(page, 'rep.east1', E2E_DEMO_PASSWORD);
    await page.goto(requirementPath);
    await page.getByTestId('requirement-create-contract').click();
    await page.waitForURL(/\/contracts\/new\?from=requirement/);
    await page.getByTestId('contract-new-submit').click();
    await page.waitForURL(/\/contracts\/[0-9a-f-]{36}/);
    contractPath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByTestId('contract-editing').count()).toBe(1);
    await page.getByTestId('contract-tab-lines').click();
    await expect.poll(() => page.getByTestId('contract-line').count()).toBe(1);

    // The customer's annex replaces the lines: one row matched by material code, one reported.
    await page.getByTestId('contract-annex-open').first().click();
    // The annex is the customer's complete list: it replaces the lines taken from the requirement.
    await page.locator('.ant-modal input[type=radio][value="replace"]').check();
    await page.locator('.ant-modal input[type=file][accept=".xlsx"]').setInputFiles({
      name: '附件一 产品清单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await annex(),
    });
    await expect.poll(() => page.getByTestId('contract-annex-result').textContent()).toContain('NO-SUCH-CODE-9');
    await screenshot(page, 'phone-contract-annex-result');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('contract-line').count()).toBe(1);

    await page.getByTestId('contract-tab-terms').click();
    await page.getByTestId('contract-terms-preset-30-60-10').click();
    await expect.poll(() => page.getByTestId('contract-terms-sum').getAttribute('data-ok')).toBe('true');
    await page.getByTestId('contract-save').click();
    await expect.poll(() => page.getByTestId('contract-editing').count()).toBe(0);
    await expect.poll(() => page.getByTestId('contract-amount').textContent()).toBe('¥80,000.00');

    // About 7 % gross margin: a warning that brings the director onto the route.
    await page.getByTestId('contract-tab-review').click();
    const margin = page.locator('[data-testid="contract-review-finding"][data-rule="margin"][data-level="warn"]');
    await expect.poll(() => margin.count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('contract-review-route').textContent()).toContain('销售总监');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-contract-margin-warning');

    await page.getByTestId('contract-action-submit').click();
    await page.getByTestId('contract-confirm-ok').click();
    await expect.poll(() => contractStatus(page)).toBe('in_review');
    contractNumber = (await page.getByTestId('contract-number').getAttribute('data-number'))!;
    expect(contractNumber).toMatch(/^HT\d{6}-\d{5}$/);
  });

  it('the manager and then the director approve it from their inbox', async () => {
    expect(contractNumber).not.toBe('');
    const page = currentPage();
    await login(page, 'mgr.east', E2E_DEMO_PASSWORD);
    await approveInInbox(page, '同意，注意交期');
    await page.context().clearCookies();
    await login(page, 'director.dom', E2E_DEMO_PASSWORD);
    await approveInInbox(page, '毛利偏低，同意首单');
    await page.goto(contractPath);
    await expect.poll(() => contractStatus(page)).toBe('approved');
  });

  it('the rep archives the signed original and records the signature', async () => {
    expect(contractPath).not.toBe('');
    const page = currentPage();
    await login(page, 'rep.east1', E2E_DEMO_PASSWORD);
    await page.goto(`${contractPath}?tab=documents`);
    const panel = page.getByTestId('contract-documents-panel');
    await panel.waitFor();
    await panel
      .locator('.contract-documents-drop input[type=file]')
      .setInputFiles({ name: '双方签章合同.pdf', mimeType: 'application/pdf', buffer: PDF });
    const modal = page.getByTestId('contract-document-upload-modal');
    await expect.poll(() => modal.getByTestId('contract-document-kind').textContent()).toContain('已签合同原件');
    await modal.getByRole('button', { name: /上\s*传/ }).click();
    await expect.poll(() => page.getByTestId('archive-kind-signed_original').getAttribute('data-present')).toBe('yes');

    await page.getByTestId('contract-action-sign').click();
    await page.getByTestId('contract-dialog-ok').click();
    await expect.poll(() => contractStatus(page)).toBe('signed');
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count()).toBe(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-contract-signed');
    await page.setViewportSize(DESKTOP);
    await page.goto(contractPath);
    await expect.poll(() => contractStatus(page)).toBe('signed');
    await screenshot(page, 'desktop-contract-signed');
  });
});
