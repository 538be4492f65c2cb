import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addActivity } from './activity-form.ts';
import { DESKTOP, PHONE, login, screenshot, usePagePerTest } from './browser.ts';
import { E2E_DEMO_PASSWORD } from './global-setup.ts';

const currentPage = usePagePerTest(DESKTOP);

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function customerId(page: Page, name: string): Promise<string> {
  const res = await page.request.get(`/api/v1/customers?q=${encodeURIComponent(name)}`);
  const items = (await res.json()).items as { id: string; name: string }[];
  const found = items.find((c) => c.name === name);
  if (!found) throw new Error(`customer ${name} not found`);
  return found.id;
}

describe('activities and follow-up tasks', () => {
  it('a rep records a visit with a next follow-up, sees it in the timeline and finds the follow-up in their tasks', async () => {
    const page = currentPage();
    await login(page, 'rep.east1', E2E_DEMO_PASSWORD);
    const id = await customerId(page, '国网江苏省电力有限公司');
    await page.goto(`/customers/${id}`);
    await page.getByRole('tab', { name: '跟进记录' }).click();
    await addActivity(page, {
      type: '拜访',
      content: '拜访物资部王主任，确认明年第一批智能电表招标时间',
      followUpDays: 3,
      photo: '现场照片.png',
    });
    const timeline = page.getByTestId('activity-timeline');
    await expect.poll(() => timeline.getByTestId('activity-item').first().textContent()).toContain('确认明年第一批智能电表招标时间');
    const first = timeline.getByTestId('activity-item').first();
    expect(await first.textContent()).toContain('黄磊');
    expect(await first.getByTestId('activity-follow-up').count()).toBe(1);
    expect(await first.getByTestId('activity-attachment').textContent()).toContain('现场照片.png');
    // The form is ready for the next one.
    expect(await page.getByTestId('activity-content').inputValue()).toBe('');
    await screenshot(page, 'desktop-activities-zh');

    await page.getByTestId('nav-menu').getByText('我的待办', { exact: true }).click();
    await page.waitForURL('**/tasks');
    const list = page.getByTestId('tasks-list');
    const followUp = list.getByTestId('task-item').filter({ hasText: '跟进：国网江苏省电力有限公司' });
    await expect.poll(() => followUp.count()).toBe(1);
    expect(await followUp.textContent()).toContain('确认明年第一批智能电表招标时间');
    await screenshot(page, 'desktop-tasks-zh');
    await followUp.getByTestId('task-complete').click();
    await expect.poll(() => followUp.count()).toBe(0);
  });

  it('works on a 375 px phone, in English', async () => {
    const page = currentPage();
    await page.setViewportSize(PHONE);
    await login(page, 'rep.intl1', E2E_DEMO_PASSWORD);
    const id = await customerId(page, 'Zambezi Power Distribution Ltd.');
    await page.goto(`/customers/${id}`);
    await page.getByRole('tab', { name: 'Activities' }).click();
    await addActivity(page, {
      type: 'Call',
      content: 'Called the procurement lead about the prepaid meter tender.',
      followUpDays: 1,
    });
    const timeline = page.getByTestId('activity-timeline');
    await expect.poll(() => timeline.textContent()).toContain('prepaid meter tender');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-activities-en');

    await page.goto('/tasks');
    const list = page.getByTestId('tasks-list');
    await expect.poll(() => list.textContent()).toContain('Follow up: Zambezi Power Distribution Ltd.');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-tasks-en');

    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'desktop-tasks-en');
    await page.goto(`/customers/${id}`);
    await page.getByRole('tab', { name: 'Activities' }).click();
    await expect.poll(() => page.getByTestId('activity-timeline').textContent()).toContain('prepaid meter tender');
    await screenshot(page, 'desktop-activities-en');
  });

  it('the timeline and tasks of a rep on a phone, in Chinese', async () => {
    const page = currentPage();
    await page.setViewportSize(PHONE);
    await login(page, 'rep.east2', E2E_DEMO_PASSWORD);
    const id = await customerId(page, '国网江苏省电力有限公司苏州供电分公司');
    await page.goto(`/customers/${id}`);
    await page.getByRole('tab', { name: '跟进记录' }).click();
    await addActivity(page, { type: '企业微信', content: '企业微信沟通：客户要求下周提供样表', followUpDays: 7 });
    await expect.poll(() => page.getByTestId('activity-timeline').textContent()).toContain('客户要求下周提供样表');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-activities-zh');
    await page.goto('/tasks');
    await expect.poll(() => page.getByTestId('tasks-list').textContent()).toContain('跟进：国网江苏省电力有限公司苏州供电分公司');
    await screenshot(page, 'phone-tasks-zh');
  });
});
