import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** A one-pixel PNG, as a phone photo would be uploaded. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Fills the quick form of 跟进记录: type, text, a follow-up from the presets, optionally a photo; then saves. */
export async function addActivity(page: Page, opts: { type: string; content: string; followUpDays: 1 | 3 | 7; photo?: string }) {
  // Phones open the form on demand.
  const opener = page.getByTestId('activity-add-open');
  const form = page.getByTestId('activity-form');
  await expect.poll(async () => (await opener.isVisible()) || (await form.isVisible())).toBe(true);
  if (await opener.isVisible()) await opener.click();
  await form.getByTestId('activity-type').getByText(opts.type, { exact: true }).click();
  await form.getByTestId('activity-content').fill(opts.content);
  await form.getByTestId(`follow-up-preset-${opts.followUpDays}`).click();
  if (opts.photo) {
    await form.locator('input[type=file]').setInputFiles({ name: opts.photo, mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => form.locator('.ant-upload-list-item-done').count()).toBe(1);
  }
  await form.getByTestId('activity-submit').click();
}
