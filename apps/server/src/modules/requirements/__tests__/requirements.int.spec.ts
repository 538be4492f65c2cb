import type {
  TApprovalInboxItem,
  TCustomerPanels,
  TPage,
  TProduct,
  TRequirement,
  TRequirementLineInput,
  TRequirementListItem,
  TStoredFile,
} from '@crm/contracts';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../kernel/auth/actor.ts';
import { withTx } from '../../../kernel/db/tx.ts';
import { auditEntry } from '../../../kernel/kernel.schema.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let rep: Session; // rep.east1 黄磊, owner of 国网江苏省电力有限公司
let rep2: Session; // rep.east2, same team, own scope
let repNorth: Session;
let mgr: Session; // mgr.east: the team's manager (department scope)
let pm: Session; // pm.meter 赵敏, product manager (own scope + requirement:review)
let pm2: Session; // pm.dist
let customerId: string;
let meter: TProduct;

async function ok<T>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}
const post = (s: Session, url: string, payload: unknown = {}) => s.request({ method: 'POST', url, payload });
const patch = (s: Session, url: string, payload: unknown) => s.request({ method: 'PATCH', url, payload });
const get = (s: Session, url: string) => s.request({ method: 'GET', url });
const code = (res: { json(): unknown }) => (res.json() as { code: string }).code;

/** The session's own actor, as the server resolves it (for the module's public functions). */
async function actorOf(s: Session): Promise<Actor> {
  const actor = await t.modules.authResolver.resolveSession(s.cookie.slice('crm_sid='.length), {
    ip: '127.0.0.1',
    userAgent: 'test',
    requestId: 'test',
  });
  if (!actor || actor === 'expired') throw new Error('no actor');
  return actor;
}

const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function upload(s: Session, name: string, content: Buffer) {
  const boundary = '----requirementtest';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return s.request({
    method: 'POST',
    url: '/api/v1/files',
    payload: body,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

const freeLine = (extra: Partial<TRequirementLineInput> = {}): TRequirementLineInput => ({
  name: '防窃电三相表（定制外壳）',
  unit: '只',
  description: '地下配电室，高湿度',
  parameters: [
    { name: '精度等级', value: '0.5S' },
    { name: '防护等级', value: 'IP54' },
  ],
  qty: '200',
  wantedDate: '2027-01-15',
  ...extra,
});

async function newRequirement(s: Session = rep, extra: Record<string, unknown> = {}): Promise<TRequirement> {
  return ok<TRequirement>(
    await post(s, '/api/v1/requirements', {
      customerId,
      title: '江苏电力 2027 计量需求',
      wantedDate: '2027-01-31',
      lines: [{ productId: meter.id, qty: '500' }, freeLine()],
      ...extra,
    }),
    201,
  );
}

const submit = (r: TRequirement, s: Session = rep) => post(s, `/api/v1/requirements/${r.id}/submit`, { version: r.version });
const reqOf = (id: string, s: Session = rep) => get(s, `/api/v1/requirements/${id}`);

async function todo(s: Session): Promise<TApprovalInboxItem[]> {
  return (await ok<TPage<TApprovalInboxItem>>(await get(s, '/api/v1/approvals/tasks?box=todo&limit=200'))).items;
}
async function taskFor(s: Session, requirementId: string): Promise<TApprovalInboxItem> {
  const item = (await todo(s)).find((i) => i.link === `/requirements/${requirementId}` && i.taskStatus === 'pending');
  expect(item, 'a pending review task').toBeTruthy();
  return item!;
}

async function review(r: TRequirement, lineNo: number, body: Record<string, unknown>, s: Session = pm) {
  return post(s, `/api/v1/requirements/${r.id}/lines/${r.lines[lineNo]!.id}/review`, { version: r.version, ...body });
}

async function auditActions(id: string): Promise<string[]> {
  const rows = await t.database.db
    .select({ action: auditEntry.action })
    .from(auditEntry)
    .where(and(eq(auditEntry.entityType, 'requirement'), eq(auditEntry.entityId, id)));
  return rows.map((r) => r.action);
}

/** A submitted requirement reviewed line by line (standard + non-standard) and approved through the engine. */
async function approvedRequirement(): Promise<TRequirement> {
  let r = await ok<TRequirement>(await submit(await newRequirement()));
  r = await ok<TRequirement>(await review(r, 0, { decision: 'standard', productId: meter.id }));
  r = await ok<TRequirement>(await review(r, 1, { decision: 'non_standard', note: '需要新物料编码' }));
  const task = await taskFor(pm, r.id);
  await ok(await post(pm, `/api/v1/approvals/tasks/${task.taskId}/approve`, { comment: '技术可行' }));
  return ok<TRequirement>(await reqOf(r.id, pm));
}

beforeAll(async () => {
  t = await createTestApp();
  [rep, rep2, repNorth, mgr, pm, pm2] = await Promise.all([
    t.login('rep.east1'),
    t.login('rep.east2'),
    t.login('rep.north1'),
    t.login('mgr.east'),
    t.login('pm.meter'),
    t.login('pm.dist'),
  ]);
  meter = (await ok<{ items: TProduct[] }>(await get(pm, '/api/v1/products?limit=20&status=active'))).items[0]!;
  const customers = (await ok<{ items: { id: string; name: string }[] }>(await get(rep, '/api/v1/customers?q=国网江苏省电力有限公司')))
    .items;
  customerId = customers.find((c) => c.name === '国网江苏省电力有限公司')!.id;
});

describe('requirements: enter, edit, submit', () => {
  it('a rep enters a draft with a catalogue line, a free line with parameters and a photo, edits it and submits it', async () => {
    const photo = await ok<TStoredFile>(await upload(rep, '现场照片.png', ONE_PIXEL_PNG), 201);
    const r = await newRequirement(rep, { attachmentIds: [photo.id], notes: '分两批交货' });
    expect(r).toMatchObject({
      number: null,
      status: 'draft',
      customerName: '国网江苏省电力有限公司',
      ownerName: '黄磊',
      wantedDate: '2027-01-31',
      attachments: [{ id: photo.id, name: '现场照片.png', mimeType: 'image/png' }],
      actions: { edit: true, submit: true, withdraw: false, cancel: true, review: false },
    });
    expect(r.lines).toHaveLength(2);
    expect(r.lines[0]).toMatchObject({
      position: 1,
      productId: meter.id,
      materialCode: meter.materialCode,
      name: meter.name,
      unit: meter.unit,
      qty: '500',
      requested: { productId: meter.id },
      review: { decision: 'pending' },
    });
    expect(r.lines[1]).toMatchObject({
      productId: null,
      name: '防窃电三相表（定制外壳）',
      parameters: [
        { name: '精度等级', value: '0.5S' },
        { name: '防护等级', value: 'IP54' },
      ],
      qty: '200',
      wantedDate: '2027-01-15',
    });

    // Keep the first line by id, change the second: the first keeps its id.
    const edited = await ok<TRequirement>(
      await patch(rep, `/api/v1/requirements/${r.id}`, {
        version: r.version,
        title: '江苏电力 2027 计量需求（修订）',
        lines: [
          { id: r.lines[0]!.id, productId: meter.id, qty: '500' },
          { id: r.lines[1]!.id, ...freeLine({ qty: '250.5' }) },
          freeLine({ name: '采集终端', parameters: [], qty: '10' }),
        ],
      }),
    );
    expect(edited.version).toBe(r.version + 1);
    expect(edited.lines.map((l) => l.id).slice(0, 2)).toEqual(r.lines.map((l) => l.id));
    expect(edited.lines.map((l) => l.qty)).toEqual(['500', '250.5', '10']);
    // A stale version is refused.
    const stale = await patch(rep, `/api/v1/requirements/${r.id}`, { version: r.version, title: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(code(stale)).toBe('STALE_VERSION');

    const submitted = await ok<TRequirement>(await submit(edited));
    expect(submitted.number).toMatch(/^XQ202611-\d{5}$/);
    expect(submitted).toMatchObject({ status: 'in_review', actions: { edit: false, submit: false, withdraw: true } });
    expect(submitted.approvalInstanceId).toBeTruthy();
    expect(submitted.submittedAt).toBe('2026-11-02T02:00:00.000Z');

    const late = await patch(rep, `/api/v1/requirements/${r.id}`, { version: submitted.version, title: 'x' });
    expect(late.statusCode).toBe(409);
    expect(code(late)).toBe('REQUIREMENT_NOT_EDITABLE');

    // The product manager, who did not upload the photo, reads the requirement and the photo through it.
    expect((await ok<TRequirement>(await reqOf(r.id, pm))).attachments).toHaveLength(1);
    const file = await get(pm, `/api/v1/requirements/${r.id}/attachments/${photo.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect((await get(repNorth, `/api/v1/requirements/${r.id}/attachments/${photo.id}`)).statusCode).toBe(404);

    expect(await auditActions(r.id)).toEqual(
      expect.arrayContaining([
        'requirement.create',
        'requirement.update',
        'requirement.submit',
        'requirement.read',
        'requirement.attachment.download',
      ]),
    );
  });

  it('refuses a free line without a name, a product that does not exist, a customer or opportunity out of scope', async () => {
    const noName = await post(rep, '/api/v1/requirements', { customerId, title: 'x', lines: [{ qty: '1' }] });
    expect(noName.statusCode).toBe(400);
    expect(code(noName)).toBe('REQUIREMENT_LINE_NAME_REQUIRED');
    const unknown = await post(rep, '/api/v1/requirements', {
      customerId,
      title: 'x',
      lines: [{ productId: '11111111-1111-4111-8111-111111111111', qty: '1' }],
    });
    expect(code(unknown)).toBe('REQUIREMENT_LINE_PRODUCT_UNKNOWN');
    expect((await post(repNorth, '/api/v1/requirements', { customerId, title: 'x', lines: [] })).statusCode).toBe(404);
    const zero = await post(rep, '/api/v1/requirements', { customerId, title: 'x', lines: [freeLine({ qty: '0' })] });
    expect(zero.statusCode).toBe(400);
    const empty = await newRequirement(rep, { lines: [] });
    const noLines = await submit(empty);
    expect(noLines.statusCode).toBe(400);
    expect(code(noLines)).toBe('REQUIREMENT_NO_LINES');
  });
});

describe('requirements: data scope', () => {
  it('another rep can neither read nor change a rep’s requirement (404); the manager reads it; reviewers see it once submitted', async () => {
    const r = await newRequirement();
    for (const res of [
      await reqOf(r.id, repNorth),
      await reqOf(r.id, rep2),
      await patch(repNorth, `/api/v1/requirements/${r.id}`, { version: r.version, title: 'x' }),
      await submit(r, repNorth),
      await post(repNorth, `/api/v1/requirements/${r.id}/cancel`, { version: r.version, reason: 'x' }),
    ]) {
      expect(res.statusCode, res.body).toBe(404);
    }
    const list = await ok<TPage<TRequirementListItem>>(await get(repNorth, '/api/v1/requirements?limit=200'));
    expect(list.items.some((i) => i.id === r.id)).toBe(false);
    const mine = await ok<TPage<TRequirementListItem>>(await get(rep, '/api/v1/requirements?limit=200&status=draft'));
    expect(mine.items.find((i) => i.id === r.id)).toMatchObject({ lineCount: 2, nonStandardCount: 1, pendingCount: 2 });

    expect((await ok<TRequirement>(await reqOf(r.id, mgr))).actions.edit).toBe(true);
    // A draft stays with its owner's line; the product manager sees it once it is submitted.
    expect((await reqOf(r.id, pm)).statusCode).toBe(404);
    const submitted = await ok<TRequirement>(await submit(r));
    const seen = await ok<TRequirement>(await reqOf(r.id, pm));
    expect(seen.actions).toMatchObject({ edit: false, submit: false, cancel: false, review: true });
    const pmList = await ok<TPage<TRequirementListItem>>(await get(pm, '/api/v1/requirements?limit=200&status=in_review'));
    expect(pmList.items.some((i) => i.id === r.id)).toBe(true);
    // Reviewing is for reviewers only; withdrawing for the owner only.
    expect((await review(submitted, 0, { decision: 'standard', productId: meter.id }, rep)).statusCode).toBe(403);
    const byManager = await post(mgr, `/api/v1/requirements/${r.id}/withdraw`, { version: submitted.version });
    expect(byManager.statusCode).toBe(403);
    expect(code(byManager)).toBe('REQUIREMENT_ONLY_OWNER');
    expect((await post(pm, `/api/v1/requirements/${r.id}/withdraw`, { version: submitted.version })).statusCode).toBe(403);
  });
});

describe('requirements: product-manager review through the approvals engine', () => {
  it('the product managers get the task; approving with lines unreviewed is refused; standard and new-code decisions; approval → approved', async () => {
    const submitted = await ok<TRequirement>(await submit(await newRequirement()));
    const task = await taskFor(pm, submitted.id);
    expect(task).toMatchObject({ typeKey: 'requirement', initiatorName: '黄磊', stepName: '产品经理审核' });
    expect(task.title).toContain(submitted.number!);
    await taskFor(pm2, submitted.id);

    // The approve action before every line is decided rolls back with a clear message.
    const early = await post(pm, `/api/v1/approvals/tasks/${task.taskId}/approve`, {});
    expect(early.statusCode).toBe(409);
    expect(code(early)).toBe('REQUIREMENT_LINES_PENDING');
    expect((early.json() as { title: string }).title).toContain('1, 2');
    expect((await ok<TRequirement>(await reqOf(submitted.id))).status).toBe('in_review');
    await taskFor(pm, submitted.id);

    let r = await ok<TRequirement>(await review(submitted, 0, { decision: 'standard', productId: meter.id, note: '标准品' }));
    expect(r.lines[0]!.review).toMatchObject({ decision: 'standard', note: '标准品', reviewedByName: '赵敏' });
    expect(r.version).toBe(submitted.version + 1);
    const stale = await review(submitted, 1, { decision: 'non_standard', note: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(code(stale)).toBe('STALE_VERSION');

    r = await ok<TRequirement>(
      await review(r, 1, {
        decision: 'new_code',
        note: 'PLM 编码未下发，手工录入',
        product: {
          materialCode: 'xq-ns-0001',
          name: '防窃电三相表（定制外壳）',
          spec: 'DTZY-XQ 3×220/380V 0.5S IP54',
          unit: '只',
          categoryId: meter.categoryId,
          standardCost: '420.00',
          leadTimeDays: 60,
        },
      }),
    );
    const line = r.lines[1]!;
    expect(line).toMatchObject({
      materialCode: 'XQ-NS-0001',
      name: '防窃电三相表（定制外壳）',
      spec: 'DTZY-XQ 3×220/380V 0.5S IP54',
      review: { decision: 'new_code' },
      wasNonStandard: true,
      requested: { productId: null, name: '防窃电三相表（定制外壳）' },
    });
    expect(line.productId).toBe(line.createdProductId);
    const product = await ok<TProduct>(await get(pm, `/api/v1/products/${line.productId}`));
    expect(product).toMatchObject({
      materialCode: 'XQ-NS-0001',
      listPrice: '0.00',
      standardCost: '420.00',
      leadTimeDays: 60,
      status: 'active',
    });

    // The same code twice: the catalogue refuses it and nothing of the review changes.
    const dup = await review(r, 1, {
      decision: 'new_code',
      product: { materialCode: 'XQ-NS-0001', name: 'x', unit: '只', categoryId: meter.categoryId },
    });
    expect(dup.statusCode).toBe(409);
    expect((await ok<TRequirement>(await reqOf(r.id))).version).toBe(r.version);

    await ok(await post(pm, `/api/v1/approvals/tasks/${task.taskId}/approve`, { comment: '技术可行' }));
    const approved = await ok<TRequirement>(await reqOf(r.id));
    expect(approved).toMatchObject({ status: 'approved', decisionComment: '技术可行' });
    expect(approved.decidedAt).not.toBeNull();
    // The other product manager's task is gone (any one decides).
    expect((await todo(pm2)).some((i) => i.link === `/requirements/${r.id}` && i.taskStatus === 'pending')).toBe(false);
    const inbox = (await ok<{ items: { kind: string; link: string }[] }>(await get(rep, '/api/v1/notifications?limit=50'))).items;
    expect(inbox.some((n) => n.kind === 'requirement.approved' && n.link === `/requirements/${r.id}`)).toBe(true);
    // Decisions are closed once approved (only a non-standard line may still get its code).
    expect(code(await review(approved, 0, { decision: 'non_standard', note: 'x' }))).toBe('REQUIREMENT_REVIEW_NOT_OPEN');
    expect(await auditActions(r.id)).toEqual(expect.arrayContaining(['requirement.line.review', 'requirement.review.approved']));
  });

  it('a non-standard line of an approved requirement gets its new code later', async () => {
    const approved = await approvedRequirement();
    expect(approved.lines[1]).toMatchObject({ productId: null, review: { decision: 'non_standard' }, wasNonStandard: true });
    expect(approved.actions.review).toBe(true);
    const r = await ok<TRequirement>(
      await review(approved, 1, {
        decision: 'new_code',
        product: {
          materialCode: 'XQ-NS-LATE-1',
          name: '防窃电三相表（定制）',
          unit: '只',
          categoryId: meter.categoryId,
          listPrice: '880.00',
        },
      }),
    );
    expect(r).toMatchObject({ status: 'approved', actions: { review: false } });
    expect(r.lines[1]).toMatchObject({ materialCode: 'XQ-NS-LATE-1', review: { decision: 'new_code' }, wasNonStandard: true });
  });

  it('a rejection returns the requirement; the rep edits and resubmits it with the same number; unchanged lines keep their review', async () => {
    let r = await ok<TRequirement>(await submit(await newRequirement()));
    r = await ok<TRequirement>(await review(r, 0, { decision: 'standard', productId: meter.id }));
    const task = await taskFor(pm, r.id);
    await ok(await post(pm, `/api/v1/approvals/tasks/${task.taskId}/reject`, { comment: '请补充安装方式' }));
    const returned = await ok<TRequirement>(await reqOf(r.id));
    expect(returned).toMatchObject({ status: 'returned', decisionComment: '请补充安装方式', actions: { edit: true, submit: true } });
    const inbox = (await ok<{ items: { kind: string; title: string }[] }>(await get(rep, '/api/v1/notifications?limit=50'))).items;
    expect(inbox.some((n) => n.kind === 'requirement.returned')).toBe(true);

    const edited = await ok<TRequirement>(
      await patch(rep, `/api/v1/requirements/${r.id}`, {
        version: returned.version,
        lines: [
          { id: returned.lines[0]!.id, productId: meter.id, qty: '500' },
          { id: returned.lines[1]!.id, ...freeLine({ description: '地下配电室，高湿度，壁挂安装' }) },
        ],
      }),
    );
    expect(edited.lines.map((l) => l.review.decision)).toEqual(['standard', 'pending']);
    const again = await ok<TRequirement>(await submit(edited));
    expect(again).toMatchObject({ status: 'in_review', number: r.number, decisionComment: null });
    expect(again.approvalInstanceId).not.toBe(r.approvalInstanceId);
    await taskFor(pm, r.id);
    expect(await auditActions(r.id)).toEqual(expect.arrayContaining(['requirement.review.returned']));
  });

  it('the owner withdraws a requirement in review (back to draft, the task ends) and cancels a draft', async () => {
    const r = await ok<TRequirement>(await submit(await newRequirement()));
    const withdrawn = await ok<TRequirement>(await post(rep, `/api/v1/requirements/${r.id}/withdraw`, { version: r.version }));
    expect(withdrawn.status).toBe('draft');
    expect((await todo(pm)).some((i) => i.link === `/requirements/${r.id}` && i.taskStatus === 'pending')).toBe(false);
    const cancelled = await ok<TRequirement>(
      await post(rep, `/api/v1/requirements/${r.id}/cancel`, { version: withdrawn.version, reason: '客户取消采购' }),
    );
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '客户取消采购', actions: { edit: false, submit: false } });
    const again = await post(rep, `/api/v1/requirements/${r.id}/cancel`, { version: cancelled.version, reason: 'x' });
    expect(again.statusCode).toBe(409);
    expect(code(again)).toBe('REQUIREMENT_STATUS_CONFLICT');
  });
});

describe('requirements: concurrency', () => {
  it('two submits of the same version: exactly one wins, the other gets 409', async () => {
    const r = await newRequirement();
    const results = await Promise.all([submit(r), submit(r)]);
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    const after = await ok<TRequirement>(await reqOf(r.id));
    expect(after.version).toBe(r.version + 1);
    const running = (await todo(pm)).filter((i) => i.link === `/requirements/${r.id}` && i.taskStatus === 'pending');
    expect(running).toHaveLength(1);
  });

  it('two reviews of the same version: one counts, the other is told to reload', async () => {
    const r = await ok<TRequirement>(await submit(await newRequirement()));
    const results = await Promise.all([
      review(r, 0, { decision: 'standard', productId: meter.id }),
      review(r, 1, { decision: 'non_standard', note: '需新编码' }, pm2),
    ]);
    expect(results.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    const after = await ok<TRequirement>(await reqOf(r.id));
    expect(after.lines.filter((l) => l.review.decision !== 'pending')).toHaveLength(1);
  });
});

describe('requirements: hand-over to contracts', () => {
  it('forContract answers approved requirements only and in scope; markContracted moves them to contracted, audited', async () => {
    const repActor = await actorOf(rep);
    const northActor = await actorOf(repNorth);
    const open = await ok<TRequirement>(await submit(await newRequirement()));
    await expect(withTx(t.database.db, (tx) => t.modules.requirements.forContract(tx, repActor, open.id))).rejects.toMatchObject({
      code: 'REQUIREMENT_NOT_APPROVED',
      status: 409,
    });

    const approved = await approvedRequirement();
    await expect(withTx(t.database.db, (tx) => t.modules.requirements.forContract(tx, northActor, approved.id))).rejects.toMatchObject({
      status: 404,
    });
    const taken = await withTx(t.database.db, (tx) => t.modules.requirements.forContract(tx, repActor, approved.id));
    expect(taken).toMatchObject({ id: approved.id, number: approved.number, customerId, opportunityId: null });
    expect(taken.lines).toEqual([
      expect.objectContaining({
        requirementLineId: approved.lines[0]!.id,
        productId: meter.id,
        qty: '500',
        wantedDate: '2027-01-31',
        isNonStandard: false,
        isTechnicallyReviewed: true,
      }),
      expect.objectContaining({
        requirementLineId: approved.lines[1]!.id,
        productId: null,
        name: '防窃电三相表（定制外壳）',
        qty: '200',
        wantedDate: '2027-01-15',
        isNonStandard: true,
        isTechnicallyReviewed: true,
      }),
    ]);

    const contractId = '22222222-2222-4222-8222-222222222222';
    await withTx(t.database.db, (tx) => t.modules.requirements.markContracted(tx, repActor, [approved.id], contractId));
    const contracted = await ok<TRequirement>(await reqOf(approved.id));
    expect(contracted).toMatchObject({ status: 'contracted', contractIds: [contractId], actions: { cancel: false } });
    // A second contract may take over a contracted requirement too.
    const second = await withTx(t.database.db, (tx) => t.modules.requirements.forContract(tx, repActor, approved.id));
    expect(second.lines).toHaveLength(2);
    await expect(
      withTx(t.database.db, (tx) => t.modules.requirements.markContracted(tx, repActor, [open.id], contractId)),
    ).rejects.toMatchObject({ code: 'REQUIREMENT_NOT_APPROVED' });
    await withTx(t.database.db, (tx) => t.modules.requirements.releaseContracted(tx, repActor, [approved.id], contractId));
    expect((await ok<TRequirement>(await reqOf(approved.id))).status).toBe('approved');
    expect(await auditActions(approved.id)).toEqual(expect.arrayContaining(['requirement.contracted', 'requirement.contract_released']));
  });
});

describe('requirements: customer 360 panel', () => {
  it('the customer’s requirements are on its 360 page, within the reader’s scope', async () => {
    // The newest first: the clock moves on so this one is the newest of the customer.
    t.clock.advance(60_000);
    const r = await newRequirement(rep, { title: '360 面板上的需求' });
    const panels = await ok<TCustomerPanels>(await get(rep, `/api/v1/customers/${customerId}/panels`));
    const panel = panels.panels.find((p) => p.key === 'requirements');
    expect(panel).toMatchObject({ available: true });
    expect(panel!.total).toBeGreaterThanOrEqual(1);
    expect(panel!.items.find((i) => i.id === r.id)).toMatchObject({
      title: '360 面板上的需求',
      status: 'draft',
      href: `/requirements/${r.id}`,
    });
  });
});
