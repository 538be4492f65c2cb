import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, login, screenshot, usePagePerTest } from './browser.ts';
import { E2E_ADMIN_PASSWORD } from './global-setup.ts';

const currentPage = usePagePerTest(DESKTOP);

async function pickTreeNode(page: Page, testId: string, title: string): Promise<void> {
  const select = page.getByTestId(testId);
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: title }).first().click();
    await page.keyboard.press('Escape');
    try {
      await expect.poll(() => select.textContent(), { timeout: 8_000 }).toContain(title);
      return;
    } catch {
      // The click landed while the dropdown was still animating: open it and pick again.
    }
  }
  await screenshot(page, `failed-pick-${testId}`);
  throw new Error(`could not pick ${title} in ${testId}`);
}

describe('an administrator at a desktop', () => {
  it('signs in, switches to English, creates a department and a user, sees the audit entry and signs out', async () => {
    const page = currentPage();
    await login(page, 'admin', E2E_ADMIN_PASSWORD);
    await expect.poll(() => page.getByTestId('nav-menu').textContent()).toContain('系统管理');

    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-option-en-US').click();
    await expect.poll(() => page.getByTestId('nav-menu').textContent()).toContain('Departments');

    await page.getByTestId('nav-menu').getByText('Departments').click();
    await page.waitForURL('**/admin/departments');
    await page.getByTestId('department-tree').getByText('华东大区').click();
    await page.getByTestId('department-create-child').click();
    await page.getByTestId('department-name').fill('华东三组');
    await page.getByTestId('department-code').fill('T-EAST-3');
    await page.getByTestId('form-submit').click();
    await expect.poll(() => page.getByTestId('department-tree').textContent()).toContain('华东三组');
    await screenshot(page, 'desktop-departments');

    await page.getByTestId('nav-menu').getByText('Users').click();
    await page.waitForURL('**/admin/users**');
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-username').fill('rep.east9');
    await page.getByTestId('user-display-name').fill('陈晓东');
    await page.getByTestId('user-password').fill('Meter-Field-2026');
    await pickTreeNode(page, 'user-department', '华东三组');
    await page.getByTestId('user-roles').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Sales rep' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('form-submit').click();
    await expect.poll(() => page.getByTestId('users-table').textContent()).toContain('rep.east9');
    await screenshot(page, 'desktop-users');

    await page.getByTestId('nav-menu').getByText('Audit log').click();
    await page.waitForURL('**/admin/audit**');
    await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('User created');
    await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('Department created');
    await screenshot(page, 'desktop-audit');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login**');
    await page.getByTestId('login-submit').waitFor();
    // The session is over on the server too: a protected page sends us back to sign in.
    await page.goto('/admin/users');
    await page.waitForURL('**/login**');
    await page.getByTestId('login-submit').waitFor();
  });

  it('shows the server’s translated field errors on the form', async () => {
    const page = currentPage();
    await login(page, 'admin', E2E_ADMIN_PASSWORD);
    await page.goto('/admin/users');
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-username').fill('rep.east1');
    await page.getByTestId('user-display-name').fill('重复');
    await page.getByTestId('user-password').fill('Meter-Field-2026');
    await pickTreeNode(page, 'user-department', '华东一组');
    await page.getByTestId('form-submit').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toContain('The username is already taken');
  });
});
