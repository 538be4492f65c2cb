import type { TBoard, TCustomer, TOpportunity, TPipeline, TPipelineSummary, TStageChange } from '@crm/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';

let t: TestApp;
let rep1: Session; // rep.east1 黄磊, 华东一组
let rep2: Session; // rep.east2 周杰, 华东一组
let repNorth: Session; // rep.north1 朱峰
let mgr: Session; // mgr.east 张伟, 华东大区
let admin: Session;
let pipeline: TPipeline;
let customer: TCustomer;

let seq = 0;

async function newCustomer(s: Session, name: string): Promise<TCustomer> {
  seq += 1;
  const res = await s.request({
    method: 'POST',
    url: '/api/v1/customers',
    payload: { name, type: 'grid', creditCode: `91320100MA1XYW${String(1000 + seq).slice(-4)}`, acknowledgeDuplicates: true },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function create(s: Session, body: Record<string, unknown> = {}): Promise<TOpportunity> {
  const res = await s.request({
    method: 'POST',
    url: '/api/v1/opportunities',
    payload: { name: '南京供电 智能电能表项目', customerId: customer.id, amount: '1200000.00', expectedCloseDate: '2026-12-15', ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const move = (s: Session, o: { id: string; version: number }, stage: string, extra: Record<string, unknown> = {}) =>
  s.request({ method: 'POST', url: `/api/v1/opportunities/${o.id}/stage`, payload: { stage, version: o.version, ...extra } });

async function moveOk(
  s: Session,
  o: { id: string; version: number },
  stage: string,
  extra: Record<string, unknown> = {},
): Promise<TOpportunity> {
  const res = await move(s, o, stage, extra);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function uploadPdf(s: Session): Promise<string> {
  const boundary = '----opportunity-test';
  const pdf = '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="中标通知书.pdf"\r\nContent-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`;
  const res = await s.request({
    method: 'POST',
    url: '/api/v1/files',
    payload: body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  t = await createTestApp();
  [rep1, rep2, repNorth, mgr, admin] = await Promise.all([
    t.login('rep.east1'),
    t.login('rep.east2'),
    t.login('rep.north1'),
    t.login('mgr.east'),
    t.login('admin'),
  ]);
  pipeline = (await rep1.request({ method: 'GET', url: '/api/v1/opportunity-pipeline' })).json();
  customer = await newCustomer(rep1, '南京测试供电设备有限公司');
});

describe('opportunities', () => {
  it('has the default pipeline', () => {
    expect(pipeline.stages.map((s) => [s.nameZh, s.probability, s.kind])).toEqual([
      ['初步接洽', 10, 'open'],
      ['需求确认', 25, 'open'],
      ['方案/报价', 40, 'open'],
      ['投标', 55, 'open'],
      ['商务谈判', 75, 'open'],
      ['赢单', 100, 'won'],
      ['输单', 0, 'lost'],
    ]);
  });

  it('creates an opportunity in the first stage with its probability, history and audit', async () => {
    const o = await create(rep1, { competitors: [{ name: '威胜集团', strengths: '关系好', quotedPrice: '1150000.00' }] });
    expect(o).toMatchObject({
      stageCode: 'initial_contact',
      probability: 10,
      probabilityOverridden: false,
      weightedAmount: '120000.00',
      ownerId: rep1.userId,
      customerName: '南京测试供电设备有限公司',
      competitors: [{ name: '威胜集团', strengths: '关系好', weaknesses: null, quotedPrice: '1150000.00' }],
      version: 1,
    });
    const history = (await rep1.request({ method: 'GET', url: `/api/v1/opportunities/${o.id}/stage-history` })).json()
      .items as TStageChange[];
    expect(history.map((h) => [h.fromStageCode, h.toStageCode, h.byName])).toEqual([[null, 'initial_contact', '黄磊']]);
    const log = (await admin.request({ method: 'GET', url: `/api/v1/audit-log?entityType=opportunity&entityId=${o.id}` })).json();
    expect(log.items.map((e: { action: string }) => e.action)).toContain('opportunity.create');
  });

  it('refuses a customer outside the actor’s scope and a customer in the public pool', async () => {
    const res = await repNorth.request({
      method: 'POST',
      url: '/api/v1/opportunities',
      payload: { name: '越权商机', customerId: customer.id, expectedCloseDate: '2026-12-01' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('OPPORTUNITY_CUSTOMER_INVALID');
  });

  it('keeps another rep’s opportunity out of reach by id (404), while the manager sees it', async () => {
    const o = await create(rep1);
    expect((await rep2.request({ method: 'GET', url: `/api/v1/opportunities/${o.id}` })).statusCode).toBe(404);
    expect(
      (await rep2.request({ method: 'PATCH', url: `/api/v1/opportunities/${o.id}`, payload: { name: '改名', version: 1 } })).statusCode,
    ).toBe(404);
    expect((await move(rep2, o, 'needs_confirmed')).statusCode).toBe(404);
    expect((await rep2.request({ method: 'GET', url: `/api/v1/opportunities/${o.id}/stage-history` })).statusCode).toBe(404);
    expect((await mgr.request({ method: 'GET', url: `/api/v1/opportunities/${o.id}` })).statusCode).toBe(200);
    const list = (await rep2.request({ method: 'GET', url: `/api/v1/opportunities?customerId=${customer.id}` })).json();
    expect(list.items).toEqual([]);
    const mine = (await rep1.request({ method: 'GET', url: `/api/v1/opportunities?customerId=${customer.id}&limit=200` })).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(o.id);
  });

  it('lists a scope by creation date page by page in the same order as any other read of it', async () => {
    await create(rep1, { name: '按创建时间 1' });
    t.clock.advance(1000);
    const north = await newCustomer(repNorth, '北方按创建时间测试电力有限公司');
    await create(repNorth, { name: '按创建时间 2', customerId: north.id });
    t.clock.advance(1000);
    await create(mgr, { name: '按创建时间 3' });
    type Item = { id: string; createdAt: string };
    const pages = async (s: Session, sort: string) => {
      const seen: Item[] = [];
      let cursor: string | null = null;
      do {
        const res = await s.request({
          method: 'GET',
          url: `/api/v1/opportunities?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        });
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json() as { items: Item[]; nextCursor: string | null };
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    const byCreated = (desc: boolean) => (a: Item, b: Item) =>
      (desc ? -1 : 1) * (a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    for (const s of [mgr, rep1, admin]) {
      const all = await pages(s, '-updatedAt');
      expect(all.length).toBeGreaterThan(2);
      expect((await pages(s, '-createdAt')).map((i) => i.id)).toEqual([...all].sort(byCreated(true)).map((i) => i.id));
      expect((await pages(s, 'createdAt')).map((i) => i.id)).toEqual([...all].sort(byCreated(false)).map((i) => i.id));
    }
  });

  it('guards stage moves with the pipeline rules, each refusal naming its rule', async () => {
    let o = await create(rep1, { isTender: true, name: '南京供电 2026年第二批电能表招标' });
    let res = await move(rep1, o, 'proposal');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'STAGE_REQUIRED_SKIPPED', rule: 'STAGE_REQUIRED_SKIPPED', stage: 'needs_confirmed' });
    expect(res.json().title).toContain('需求确认');
    o = await moveOk(rep1, o, 'needs_confirmed');
    expect(o.probability).toBe(25);
    o = await moveOk(rep1, o, 'proposal');
    res = await move(rep1, o, 'negotiation');
    expect(res.json()).toMatchObject({ code: 'STAGE_REQUIRED_SKIPPED', stage: 'tender' });
    res = await move(rep1, o, 'tender');
    expect(res.json()).toMatchObject({ code: 'STAGE_TENDER_INFO_REQUIRED', stage: 'tender' });
    res = await rep1.request({
      method: 'PATCH',
      url: `/api/v1/opportunities/${o.id}`,
      payload: { version: o.version, tender: { tenderNumber: 'ZB2026-0788', bidOpeningDate: '2026-11-20', bidBondAmount: '20000.00' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    o = await moveOk(rep1, res.json(), 'tender');
    o = await moveOk(rep1, o, 'negotiation');
    res = await move(rep1, o, 'won');
    expect(res.json()).toMatchObject({ code: 'STAGE_WON_AWARD_NOTICE_REQUIRED', stage: 'won' });
    const fileId = await uploadPdf(rep1);
    res = await rep1.request({
      method: 'PATCH',
      url: `/api/v1/opportunities/${o.id}`,
      payload: { version: o.version, tender: { awardNoticeFileId: fileId } },
    });
    expect(res.statusCode, res.body).toBe(200);
    o = await moveOk(rep1, res.json(), 'won', { reasonCode: 'technology', reason: '技术评分第一' });
    expect(o).toMatchObject({ stageKind: 'won', probability: 100, wonDate: '2026-11-02', closeReasonCode: 'technology' });
    expect(o.tender).toMatchObject({ result: 'won', awardNoticeName: '中标通知书.pdf', tenderNumber: 'ZB2026-0788' });
    const notice = await rep1.request({ method: 'GET', url: `/api/v1/opportunities/${o.id}/award-notice` });
    expect(notice.statusCode).toBe(200);
    expect(notice.headers['content-type']).toBe('application/pdf');
    expect((await rep2.request({ method: 'GET', url: `/api/v1/opportunities/${o.id}/award-notice` })).statusCode).toBe(404);

    // A won opportunity keeps its amount; the bid bond can still be marked returned.
    res = await rep1.request({ method: 'PATCH', url: `/api/v1/opportunities/${o.id}`, payload: { version: o.version, amount: '1.00' } });
    expect(res.json().code).toBe('OPPORTUNITY_CLOSED_FIELDS');
    res = await rep1.request({
      method: 'PATCH',
      url: `/api/v1/opportunities/${o.id}`,
      payload: { version: o.version, tender: { bidBondReturned: true } },
    });
    expect(res.statusCode, res.body).toBe(200);
    o = res.json();

    // Reopening needs the permission (managers) and a reason.
    expect((await move(rep1, o, 'negotiation', { reason: '客户重新谈判' })).json().code).toBe('STAGE_REOPEN_FORBIDDEN');
    expect((await move(mgr, o, 'negotiation')).json().code).toBe('STAGE_REOPEN_REASON_REQUIRED');
    o = await moveOk(mgr, o, 'negotiation', { reason: '客户重新谈判' });
    expect(o).toMatchObject({ stageKind: 'open', wonDate: null, closedAt: null, probability: 75 });

    const history = (await rep1.request({ method: 'GET', url: `/api/v1/opportunities/${o.id}/stage-history` })).json()
      .items as TStageChange[];
    expect(history.map((h) => h.toStageCode)).toEqual([
      'initial_contact',
      'needs_confirmed',
      'proposal',
      'tender',
      'negotiation',
      'won',
      'negotiation',
    ]);
    expect(history[5]).toMatchObject({ reasonCode: 'technology', reason: '技术评分第一' });
  });

  it('takes product lines from the catalogue, amounts exact to the fen, and refuses unknown products', async () => {
    const products = (await rep1.request({ method: 'GET', url: '/api/v1/products?status=active&limit=2' })).json().items as {
      id: string;
      materialCode: string;
      name: string;
    }[];
    expect(products.length).toBe(2);
    const o = await create(rep1, {
      lines: [
        { productId: products[0]!.id, quantity: '3', unitPrice: '333.335' },
        { productId: products[1]!.id, quantity: '1.5', unitPrice: '0.01' },
      ],
    });
    expect(o.lines.map((l) => [l.materialCode, l.productName, l.quantity, l.amount])).toEqual([
      [products[0]!.materialCode, products[0]!.name, '3', '1000.01'],
      [products[1]!.materialCode, products[1]!.name, '1.5', '0.02'],
    ]);
    const res = await rep1.request({
      method: 'PATCH',
      url: `/api/v1/opportunities/${o.id}`,
      payload: { version: o.version, lines: [{ productId: '00000000-0000-4000-8000-000000000000', quantity: '1', unitPrice: '1' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('OPPORTUNITY_PRODUCT_UNKNOWN');
    const cleared = await rep1.request({
      method: 'PATCH',
      url: `/api/v1/opportunities/${o.id}`,
      payload: { version: o.version, lines: [] },
    });
    expect((cleared.json() as TOpportunity).lines).toEqual([]);
  });

  it('loses only with a reason, and wins only with an amount', async () => {
    let o = await create(rep1, { amount: '0.00' });
    expect((await move(rep1, o, 'lost')).json()).toMatchObject({ code: 'STAGE_LOST_REASON_REQUIRED', stage: 'lost' });
    o = await moveOk(rep1, o, 'needs_confirmed');
    o = await moveOk(rep1, o, 'proposal');
    expect((await move(rep1, o, 'won')).json()).toMatchObject({ code: 'STAGE_WON_AMOUNT_REQUIRED' });
    o = await moveOk(rep1, o, 'lost', { reasonCode: 'price', reason: '价格高于对手 8%' });
    expect(o).toMatchObject({ stageKind: 'lost', probability: 0, closeReasonCode: 'price', wonDate: null });
  });

  it('answers 409 to a stale version, and lets exactly one of two concurrent moves win', async () => {
    const o = await create(rep1);
    const edited = await rep1.request({ method: 'PATCH', url: `/api/v1/opportunities/${o.id}`, payload: { version: 1, probability: 30 } });
    expect(edited.json()).toMatchObject({ probability: 30, probabilityOverridden: true, version: 2 });
    expect((await move(rep1, o, 'needs_confirmed')).statusCode).toBe(409);
    const current = { id: o.id, version: 2 };
    const results = await Promise.all([
      move(rep1, current, 'needs_confirmed'),
      move(mgr, current, 'lost', { reasonCode: 'budget_cancelled' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const final = (await rep1.request({ method: 'GET', url: `/api/v1/opportunities/${o.id}` })).json() as TOpportunity;
    expect(final.version).toBe(3);
    const history = (await rep1.request({ method: 'GET', url: `/api/v1/opportunities/${o.id}/stage-history` })).json().items;
    expect(history).toHaveLength(2);
    // The stage's probability replaces an override when the stage changes.
    expect(final.probabilityOverridden).toBe(false);
  });

  it('shows the kanban per scope with totals, weighted amounts and more cards by cursor', async () => {
    const own = await newCustomer(rep2, '看板测试电气有限公司');
    for (let i = 0; i < 3; i++) {
      const res = await rep2.request({
        method: 'POST',
        url: '/api/v1/opportunities',
        payload: { name: `看板商机 ${i}`, customerId: own.id, amount: '100.01', expectedCloseDate: `2026-12-0${i + 1}` },
      });
      expect(res.statusCode).toBe(201);
    }
    const board = (
      await rep2.request({ method: 'GET', url: `/api/v1/opportunities/board?ownerId=${rep2.userId}&limit=2&q=看板商机` })
    ).json() as TBoard;
    const first = board.columns[0]!;
    expect(first).toMatchObject({ count: 3, amount: '300.03', weightedAmount: '30.00' });
    expect(first.cards.map((c) => c.name)).toEqual(['看板商机 0', '看板商机 1']);
    const more = (
      await rep2.request({
        method: 'GET',
        url: `/api/v1/opportunities/board/column?stageId=${first.stageId}&ownerId=${rep2.userId}&limit=2&q=看板商机&cursor=${first.nextCursor}`,
      })
    ).json();
    expect(more.cards.map((c: { name: string }) => c.name)).toEqual(['看板商机 2']);
    expect(more.nextCursor).toBeNull();
    // rep.east1 sees none of rep.east2's cards, whatever the filter says.
    const other = (await rep1.request({ method: 'GET', url: `/api/v1/opportunities/board?ownerId=${rep2.userId}` })).json() as TBoard;
    expect(other.columns.every((c) => c.count === 0 && c.cards.length === 0)).toBe(true);
    const team = (
      await mgr.request({ method: 'GET', url: `/api/v1/opportunities/board?ownerId=${rep2.userId}&q=看板商机` })
    ).json() as TBoard;
    expect(team.columns[0]!.count).toBe(3);
  });

  it('sums the pipeline per stage and forecasts the period', async () => {
    const summary = (
      await rep1.request({ method: 'GET', url: `/api/v1/opportunities/pipeline-summary?ownerId=${rep1.userId}` })
    ).json() as TPipelineSummary;
    expect(summary.stages).toHaveLength(7);
    const open = summary.stages.filter((s) => s.stage.kind === 'open');
    expect(summary.open.count).toBe(open.reduce((n, s) => n + s.count, 0));
    const forecast = (
      await rep1.request({ method: 'GET', url: `/api/v1/opportunities/forecast?period=2026-Q4&ownerId=${rep1.userId}` })
    ).json();
    expect(forecast.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(forecast.byOwner.every((o: { ownerId: string }) => o.ownerId === rep1.userId)).toBe(true);
    const dec = forecast.byMonth.find((m: { month: string }) => m.month === '2026-12');
    expect(Number(dec.pipelineAmount)).toBeGreaterThanOrEqual(1_200_000);
    expect((await rep1.request({ method: 'GET', url: '/api/v1/opportunities/forecast?period=2026-Q5' })).statusCode).toBe(400);
  });

  it('measures won opportunities per owner and month for performance', async () => {
    const rows = await t.modules.sales.opportunities.measureWon(t.database.db, {
      from: '2026-11-01',
      to: '2026-11-30',
      userIds: [rep1.userId],
    });
    const nov = rows.find((r) => r.month === '2026-11');
    expect(nov).toMatchObject({ ownerId: rep1.userId, count: expect.any(Number) });
    // The test's tender was won on 2026-11-02 and reopened; the seeded ones were won before the clock's today.
    const all = await t.modules.sales.opportunities.measureWon(t.database.db, { from: '2025-01-01', to: '2026-12-31' });
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((r) => /^\d{4}-\d{2}$/.test(r.month) && /^\d+\.\d{2}$/.test(r.amount))).toBe(true);
    expect(await t.modules.sales.opportunities.measureWon(t.database.db, { from: '2026-11-01', to: '2026-11-30', userIds: [] })).toEqual(
      [],
    );
  });

  it('shows the rep’s opportunities on the customer 360 page and moves them on merge and back on undo', async () => {
    const survivor = await newCustomer(rep1, '合并测试电力设备有限公司');
    const merged = await newCustomer(rep1, '合并测试电力设备（南京）有限公司');
    const o = await create(rep1, { customerId: merged.id, name: '合并测试 集中器项目' });
    const panels = (await rep1.request({ method: 'GET', url: `/api/v1/customers/${merged.id}/panels` })).json();
    const panel = panels.panels.find((p: { key: string }) => p.key === 'opportunities');
    expect(panel).toMatchObject({
      available: true,
      total: 1,
      items: [{ id: o.id, title: '合并测试 集中器项目', status: 'open', href: `/opportunities/${o.id}` }],
    });
    const res = await mgr.request({
      method: 'POST',
      url: `/api/v1/customers/${survivor.id}/merge`,
      payload: { mergedId: merged.id, reason: '重复录入' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().movedCounts.opportunities).toBe(1);
    const after = (await rep1.request({ method: 'GET', url: `/api/v1/opportunities/${o.id}` })).json() as TOpportunity;
    expect(after.customerId).toBe(survivor.id);
    const undo = await mgr.request({ method: 'POST', url: `/api/v1/customer-merges/${res.json().id}/undo` });
    expect(undo.statusCode, undo.body).toBe(200);
    expect(((await rep1.request({ method: 'GET', url: `/api/v1/opportunities/${o.id}` })).json() as TOpportunity).customerId).toBe(
      merged.id,
    );
  });

  it('lets only administrators edit the pipeline; probabilities follow and stages in use stay', async () => {
    const o = await create(rep1);
    const stages = pipeline.stages.map(
      ({ id, code, nameZh, nameEn, probability, kind, isRequired, isRequiredForTender, requiresTenderInfo }) => ({
        id,
        code,
        nameZh,
        nameEn,
        probability,
        kind,
        isRequired,
        isRequiredForTender,
        requiresTenderInfo,
      }),
    );
    const changed = stages.map((s) => (s.code === 'initial_contact' ? { ...s, probability: 15 } : s));
    expect(
      (await rep1.request({ method: 'PUT', url: '/api/v1/opportunity-pipeline', payload: { version: pipeline.version, stages: changed } }))
        .statusCode,
    ).toBe(403);
    const res = await admin.request({
      method: 'PUT',
      url: '/api/v1/opportunity-pipeline',
      payload: { version: pipeline.version, stages: changed },
    });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json() as TPipeline;
    expect(saved.stages.find((s) => s.code === 'initial_contact')!.probability).toBe(15);
    expect(((await rep1.request({ method: 'GET', url: `/api/v1/opportunities/${o.id}` })).json() as TOpportunity).probability).toBe(15);
    // Stale version, a stage in use removed, and no won stage: all refused.
    expect(
      (await admin.request({ method: 'PUT', url: '/api/v1/opportunity-pipeline', payload: { version: pipeline.version, stages } }))
        .statusCode,
    ).toBe(409);
    const removed = await admin.request({
      method: 'PUT',
      url: '/api/v1/opportunity-pipeline',
      payload: { version: saved.version, stages: stages.filter((s) => s.code !== 'initial_contact') },
    });
    expect(removed.json().code).toBe('PIPELINE_STAGE_IN_USE');
    const noWon = await admin.request({
      method: 'PUT',
      url: '/api/v1/opportunity-pipeline',
      payload: { version: saved.version, stages: stages.map((s) => (s.kind === 'won' ? { ...s, kind: 'open' } : s)) },
    });
    expect(noWon.json().code).toBe('PIPELINE_INVALID');
    // A new stage, added between two others.
    const added = [
      ...stages.slice(0, 2),
      {
        code: 'site_survey',
        nameZh: '现场勘查',
        nameEn: 'Site survey',
        probability: 30,
        kind: 'open',
        isRequired: false,
        isRequiredForTender: false,
        requiresTenderInfo: false,
      },
      ...stages.slice(2),
    ];
    const withNew = await admin.request({
      method: 'PUT',
      url: '/api/v1/opportunity-pipeline',
      payload: { version: saved.version, stages: added },
    });
    expect(withNew.statusCode, withNew.body).toBe(200);
    expect((withNew.json() as TPipeline).stages.map((s) => s.code).slice(0, 4)).toEqual([
      'initial_contact',
      'needs_confirmed',
      'site_survey',
      'proposal',
    ]);
    const log = (await admin.request({ method: 'GET', url: '/api/v1/audit-log?action=opportunity_pipeline.update' })).json();
    expect(log.items.length).toBeGreaterThanOrEqual(2);
  });
  it('builds the board of every scope from per-department index reads exactly as the list sees it', async () => {
    // A few more cards in several departments and close dates (earlier tests won and lost some).
    const north = await newCustomer(repNorth, '看板分部测试电力有限公司');
    for (const [s, c, date] of [
      [rep1, customer, '2026-12-20'],
      [rep1, customer, '2026-12-20'],
      [repNorth, north, '2026-12-05'],
      [mgr, customer, '2026-12-01'],
    ] as const) {
      const res = await s.request({
        method: 'POST',
        url: '/api/v1/opportunities',
        payload: { name: '看板范围测试', customerId: c.id, amount: '1000.10', expectedCloseDate: date },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const fen = (amount: string) => BigInt(amount.replace('.', ''));
    const closedKinds = new Set<string>();
    for (const s of [rep1, repNorth, mgr, admin]) {
      const board = (await s.request({ method: 'GET', url: '/api/v1/opportunities/board?limit=3' })).json() as TBoard;
      for (const column of board.columns) {
        // The list of the same stage, in the same scope, page by page.
        const all: TOpportunity[] = [];
        let cursor: string | null = null;
        do {
          const page = (
            await s.request({
              method: 'GET',
              url: `/api/v1/opportunities?stageId=${column.stageId}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
            })
          ).json() as { items: TOpportunity[]; nextCursor: string | null };
          all.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor);
        const open = column.stage.kind === 'open';
        const shown = all
          .filter((o) => open || new Date(o.closedAt!).getTime() >= Date.parse(`${board.closedSince}T00:00:00+08:00`))
          .sort((a, b) =>
            open
              ? a.expectedCloseDate.localeCompare(b.expectedCloseDate) || a.id.localeCompare(b.id)
              : b.closedAt!.localeCompare(a.closedAt!) || b.id.localeCompare(a.id),
          );
        expect(column.count, column.stage.code).toBe(shown.length);
        expect(fen(column.amount)).toBe(shown.reduce((sum, o) => sum + fen(o.amount), 0n));
        expect(column.cards.map((c) => c.id)).toEqual(shown.slice(0, 3).map((o) => o.id));
        expect(column.nextCursor !== null).toBe(shown.length > 3);
        if (!open && shown.length > 0) closedKinds.add(column.stage.kind);
      }
    }
    // The won and lost columns were compared with cards in them, not only empty.
    expect([...closedKinds].sort()).toEqual(['lost', 'won']);
  });
  it('keeps follow-ups of an opportunity, on its customer’s timeline too, with the next follow-up for its owner', async () => {
    const o = await create(rep1, { name: '跟进测试 智能电表二期' });
    const at = new Date(Date.parse(t.clock.now().toISOString()) - 3_600_000).toISOString();
    const next = new Date(Date.parse(t.clock.now().toISOString()) + 2 * 86_400_000).toISOString();
    const res = await rep1.request({
      method: 'POST',
      url: `/api/v1/opportunities/${o.id}/activities`,
      payload: { type: 'meeting', content: '技术交流：二期 3 万只表的通信方案', occurredAt: at, nextFollowUpAt: next },
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as { id: string; opportunityId: string | null; customerId: string | null };
    expect(created).toMatchObject({ opportunityId: o.id, customerId: customer.id });

    const list = (await rep1.request({ method: 'GET', url: `/api/v1/opportunities/${o.id}/activities` })).json();
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([created.id]);
    const timeline = (await rep1.request({ method: 'GET', url: `/api/v1/customers/${customer.id}/activities?limit=100` })).json();
    expect(timeline.items.map((a: { id: string }) => a.id)).toContain(created.id);
    const tasks = (await rep1.request({ method: 'GET', url: '/api/v1/tasks?status=open&limit=100' })).json().items as {
      relatedType: string;
      relatedId: string;
      relatedLabel: string;
    }[];
    expect(tasks.filter((x) => x.relatedType === 'opportunity' && x.relatedId === o.id)).toEqual([
      expect.objectContaining({ relatedLabel: '跟进测试 智能电表二期' }),
    ]);

    // Another rep neither reads nor writes them; the manager reads them.
    expect((await repNorth.request({ method: 'GET', url: `/api/v1/opportunities/${o.id}/activities` })).statusCode).toBe(404);
    const foreign = await repNorth.request({
      method: 'POST',
      url: `/api/v1/opportunities/${o.id}/activities`,
      payload: { type: 'call', content: '越权', occurredAt: at },
    });
    expect(foreign.statusCode).toBe(404);
    expect((await mgr.request({ method: 'GET', url: `/api/v1/opportunities/${o.id}/activities` })).json().items).toHaveLength(1);
  });
});
