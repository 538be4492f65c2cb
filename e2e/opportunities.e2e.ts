import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addActivity } from './activity-form.ts';
import { DESKTOP, PHONE, login, screenshot, usePagePerTest } from './browser.ts';
import { E2E_DEMO_PASSWORD } from './global-setup.ts';

const currentPage = usePagePerTest(DESKTOP);

async function csrf(page: Page): Promise<string> {
  return (await (await page.request.get('/api/v1/auth/session')).json()).csrfToken;
}

/** A customer and an opportunity of the signed-in rep, made through the API; returns the opportunity's id. */
async function createOpportunity(page: Page, name: string): Promise<string> {
  const headers = { 'x-csrf-token': await csrf(page) };
  const customer = await page.request.post('/api/v1/customers', {
    data: { name: `${name}电力设备有限公司`, type: 'industrial', acknowledgeDuplicates: true },
    headers,
  });
  if (customer.status() !== 201) throw new Error(`create customer: ${customer.status()} ${await customer.text()}`);
  const res = await page.request.post('/api/v1/opportunities', {
    data: { name, customerId: (await customer.json()).id, amount: '880000.00', expectedCloseDate: '2026-12-20' },
    headers,
  });
  if (res.status() !== 201) throw new Error(`create opportunity: ${res.status()} ${await res.text()}`);
  return (await res.json()).id;
}

async function stageOf(page: Page, id: string): Promise<string> {
  return (await (await page.request.get(`/api/v1/opportunities/${id}`)).json()).stageCode;
}

/** Drags with the mouse in small steps, as a person does (the board starts a drag after a few pixels). */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, from.y + 5, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 20 });
  await page.mouse.move(to.x + 2, to.y + 2, { steps: 2 });
  await page.mouse.up();
}

const centre = async (page: Page, selector: ReturnType<Page['locator']>) => {
  const box = (await selector.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + Math.min(box.height / 2, 40) };
};

describe('opportunity kanban', () => {
  it('a rep drags an opportunity to the next stage and it is saved; a move that skips a required stage snaps back with the reason', async () => {
    const page = currentPage();
    await login(page, 'rep.east2', E2E_DEMO_PASSWORD);
    const name = '看板拖动测试 集中器项目';
    const id = await createOpportunity(page, name);
    await page.goto('/opportunities/board');
    const board = page.getByTestId('opportunity-board');
    const card = board.locator(`[data-testid="opportunity-card"][data-id="${id}"]`);
    await card.waitFor();
    const first = board.locator('[data-stage="initial_contact"]');
    const second = board.locator('[data-stage="needs_confirmed"]');
    const third = board.locator('[data-stage="proposal"]');
    expect(await first.locator(`[data-id="${id}"]`).count()).toBe(1);

    // Skipping 需求确认 is refused: the card goes back and the rule is named.
    await drag(page, await centre(page, card), await centre(page, third.locator('.board-column-body')));
    await expect.poll(() => page.locator('.ant-notification-notice').filter({ hasText: '需求确认' }).count()).toBeGreaterThan(0);
    await expect.poll(() => first.locator(`[data-id="${id}"]`).count()).toBe(1);
    expect(await stageOf(page, id)).toBe('initial_contact');

    // The next stage is fine: the card lands there and the server has it.
    await drag(page, await centre(page, card), await centre(page, second.locator('.board-column-body')));
    await expect.poll(() => stageOf(page, id)).toBe('needs_confirmed');
    await expect.poll(() => second.locator(`[data-id="${id}"]`).count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.locator('[data-stage="needs_confirmed"]').locator(`[data-id="${id}"]`).count()).toBe(1);
    await screenshot(page, 'opportunities-board');

    // The detail page shows the stage history.
    await page.goto(`/opportunities/${id}`);
    await page.getByRole('tab', { name: '阶段历史' }).click();
    await expect.poll(() => page.getByTestId('history-item').count()).toBe(2);
  });

  it('on a phone the board scrolls sideways and a card moves with the stage picker', async () => {
    const page = currentPage();
    await page.setViewportSize(PHONE);
    await login(page, 'rep.east3', E2E_DEMO_PASSWORD);
    const id = await createOpportunity(page, '手机看板测试 电能表项目');
    await page.goto('/opportunities/board');
    const card = page.locator(`[data-testid="opportunity-card"][data-id="${id}"]`);
    await card.waitFor();
    const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(pageOverflow).toBeLessThanOrEqual(0);
    const boardScroll = await page.getByTestId('opportunity-board').evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(boardScroll).toBe(true);
    await card.getByTestId('card-move').click();
    await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item').filter({ hasText: '需求确认' }).click();
    await expect.poll(() => stageOf(page, id)).toBe('needs_confirmed');
    await screenshot(page, 'opportunities-board-phone');
  });
  it('a rep writes a follow-up on the opportunity page from a phone and finds it on the customer’s timeline', async () => {
    const page = currentPage();
    await page.setViewportSize(PHONE);
    await login(page, 'rep.east3', E2E_DEMO_PASSWORD);
    const id = await createOpportunity(page, '跟进页测试 集中器项目');
    await page.goto(`/opportunities/${id}`);
    const panel = page.getByTestId('opportunity-activities');
    // The tab bar of a phone scrolls the tab into view on the first tap while the page settles: tap until it shows.
    await expect
      .poll(async () => {
        if (!(await panel.isVisible())) await page.getByRole('tab', { name: '跟进记录' }).click();
        return panel.isVisible();
      })
      .toBe(true);
    await addActivity(page, { type: '拜访', content: '现场确认集中器安装位置，客户要求月底前报价', followUpDays: 3 });
    await expect.poll(() => panel.getByTestId('activity-item').count()).toBe(1);
    await expect.poll(() => panel.getByTestId('activity-item').first().textContent()).toContain('现场确认集中器安装位置');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'opportunity-activities-phone');

    // The customer's timeline shows it too.
    const customerId = (await (await page.request.get(`/api/v1/opportunities/${id}`)).json()).customerId;
    const timeline = await (await page.request.get(`/api/v1/customers/${customerId}/activities?limit=20`)).json();
    expect(timeline.items.map((a: { content: string }) => a.content)).toContain('现场确认集中器安装位置，客户要求月底前报价');
  });
});
