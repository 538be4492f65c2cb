import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, login, screenshot, usePagePerTest } from './browser.ts';
import { E2E_ADMIN_PASSWORD, E2E_DEMO_PASSWORD } from './global-setup.ts';

const currentPage = usePagePerTest(DESKTOP);

/** A one-page PDF, small enough to write by hand. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 400]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

async function csrf(page: Page): Promise<string> {
  return (await (await page.request.get('/api/v1/auth/session')).json()).csrfToken;
}

/** A draft contract of the signed-in rep for a demo customer and catalogue product, made through the API. */
async function createContract(page: Page): Promise<string> {
  const headers = { 'x-csrf-token': await csrf(page) };
  const customers = await (await page.request.get('/api/v1/customers?q=国网江苏省电力有限公司')).json();
  const customerId = customers.items.find((c: { name: string }) => c.name === '国网江苏省电力有限公司').id;
  const product = (await (await page.request.get('/api/v1/products?limit=1')).json()).items[0];
  const res = await page.request.post('/api/v1/contracts', {
    data: {
      customerId,
      title: '归档测试合同（浏览器）',
      lines: [{ productId: product.id, qty: '50' }],
      paymentTerms: [
        { trigger: 'signing', percent: '30', days: 10 },
        { trigger: 'shipment', percent: '70', days: 30 },
      ],
    },
    headers,
  });
  if (res.status() !== 201) throw new Error(`create contract: ${res.status()} ${await res.text()}`);
  return (await res.json()).id;
}

let contractPath = '';

describe('contract documents and archive', () => {
  it('a rep drops the signed original on the archive panel, generates the contract text, and sees the checklist update', async () => {
    const page = currentPage();
    await login(page, 'rep.east1', E2E_DEMO_PASSWORD);
    contractPath = `/contracts/${await createContract(page)}`;
    await page.goto(`${contractPath}?tab=documents`);
    const panel = page.getByTestId('contract-documents-panel');
    await panel.waitFor();
    await expect.poll(() => page.getByTestId('archive-kind-signed_original').getAttribute('data-present')).toBe('no');

    // Dropping a file opens the upload dialog with the first missing kind chosen.
    await panel
      .locator('.contract-documents-drop input[type=file]')
      .setInputFiles({ name: '双方签章合同.pdf', mimeType: 'application/pdf', buffer: PDF });
    const modal = page.getByTestId('contract-document-upload-modal');
    await expect.poll(() => modal.getByTestId('contract-document-kind').textContent()).toContain('已签合同原件');
    await modal.getByRole('button', { name: /上\s*传/ }).click();
    await expect.poll(() => page.getByTestId('archive-kind-signed_original').getAttribute('data-present')).toBe('yes');
    await expect.poll(() => page.locator('[data-testid="contract-document"][data-kind="signed_original"]').count()).toBe(1);

    // The contract text from the built-in template.
    await page.getByTestId('contract-document-generate').click();
    const generate = page.getByTestId('contract-document-generate-modal');
    await expect.poll(() => generate.getByTestId('contract-document-template').textContent()).toContain('标准产品购销合同');
    await generate.getByRole('button', { name: /生\s*成/ }).click();
    await expect.poll(() => page.locator('[data-testid="contract-document"][data-kind="contract_text"]').count()).toBe(1);
    const download = await page.request.get(
      (await page
        .locator('[data-testid="contract-document"][data-kind="contract_text"] [data-testid="contract-document-download"]')
        .getAttribute('href'))!,
    );
    expect(download.headers()['content-type']).toContain('wordprocessingml');

    // The merged archive PDF: cover + the signed original.
    const merged = await page.request.get((await page.getByTestId('contract-archive-pdf').getAttribute('href'))!);
    expect(merged.status()).toBe(200);
    expect(merged.headers()['content-type']).toBe('application/pdf');
    await screenshot(page, 'desktop-contract-documents');

    await page.setViewportSize(PHONE);
    await page.reload();
    await panel.waitFor();
    await screenshot(page, 'phone-contract-documents');
  });

  it('the contract reviewer manages templates: the built-in one, the placeholder reference and the archive requirements', async () => {
    const page = currentPage();
    await login(page, 'admin', E2E_ADMIN_PASSWORD);
    await page.goto('/admin/contract-templates');
    const templates = page.getByTestId('contract-templates');
    await expect.poll(() => templates.textContent()).toContain('标准产品购销合同（内置）');
    await expect.poll(() => page.getByTestId('contract-template-placeholders').textContent()).toContain('{amountInclTaxWords}');
    await expect.poll(() => page.getByTestId('contract-archive-settings').textContent()).toContain('签订后归档期限');
    await screenshot(page, 'desktop-contract-templates');

    // Upload the built-in template's file again as a template of its own.
    const builtin = (await (await page.request.get('/api/v1/contract-templates')).json()).items.find(
      (x: { isBuiltin: boolean }) => x.isBuiltin,
    );
    const docx = await (await page.request.get(`/api/v1/contract-templates/${builtin.id}/versions/1/content`)).body();
    await page.getByTestId('contract-template-create').click();
    const modal = page.getByTestId('contract-template-modal');
    await modal.getByTestId('contract-template-name').fill('浏览器上传的模板');
    await page.locator('.ant-modal:visible input[type=file]').setInputFiles({
      name: '模板.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: docx,
    });
    await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => templates.textContent()).toContain('浏览器上传的模板');

    await page.setViewportSize(PHONE);
    await page.reload();
    await templates.waitFor();
    await screenshot(page, 'phone-contract-templates');
  });
});
