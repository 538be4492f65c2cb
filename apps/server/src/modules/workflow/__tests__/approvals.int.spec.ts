import type { TApprovalDefinition, TApprovalInboxItem, TApprovalInstance, TApprovalStep, TPage, TProduct, TQuote } from '@crm/contracts';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEntry } from '../../../kernel/kernel.schema.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let admin: Session;
let rep: Session; // rep.east1 黄磊, manager mgr.east 张伟 (head of 华东大区), director.dom 王建国 above
let mgr: Session;
let director: Session;
let mgrNorth: Session;
let product: TProduct;
let opportunityId: string;

async function ok<T>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}
const post = (s: Session, url: string, payload: unknown = {}) => s.request({ method: 'POST', url, payload });
const get = (s: Session, url: string) => s.request({ method: 'GET', url });

const step = (key: string, approvers: TApprovalStep['approvers'], extra: Partial<TApprovalStep> = {}): TApprovalStep => ({
  key,
  name: `步骤 ${key}`,
  approvers,
  mode: 'any',
  conditions: [],
  autoApprove: [],
  timeLimitHours: null,
  ...extra,
});

async function publish(steps: TApprovalStep[]): Promise<TApprovalDefinition> {
  const current = await ok<TApprovalDefinition>(await get(admin, '/api/v1/approvals/definitions/quote'));
  return ok<TApprovalDefinition>(
    await post(admin, '/api/v1/approvals/definitions/quote/versions', { version: current.type.definitionVersion, steps }),
    201,
  );
}

/** A quote of the rep with one line at the discount (beyond the rep's 10 %), submitted. */
async function submitQuote(discountPercent: string, by: Session = rep): Promise<TQuote> {
  const q = await ok<TQuote>(
    await post(by, '/api/v1/quotes', { opportunityId, lines: [{ productId: product.id, qty: '10', discountPercent }] }),
    201,
  );
  expect(q.approval.required).toBe(true);
  return ok<TQuote>(await post(by, `/api/v1/quotes/${q.id}/submit`, { version: q.version }));
}

async function box(s: Session, name: 'todo' | 'done' | 'started' | 'cc'): Promise<TApprovalInboxItem[]> {
  return (await ok<TPage<TApprovalInboxItem>>(await get(s, `/api/v1/approvals/tasks?box=${name}&limit=200`))).items;
}

async function taskOf(s: Session, instanceId: string): Promise<string> {
  const item = (await box(s, 'todo')).find((i) => i.instanceId === instanceId);
  expect(item, 'a to-do task').toBeTruthy();
  return item!.taskId!;
}

function upload(s: Session, name: string, content: Buffer) {
  const boundary = '----approvaltest';
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

const quoteOf = async (id: string, as: Session = rep) => ok<TQuote>(await get(as, `/api/v1/quotes/${id}`));

beforeAll(async () => {
  t = await createTestApp();
  [admin, rep, mgr, director, mgrNorth] = await Promise.all([
    t.login('admin'),
    t.login('rep.east1'),
    t.login('mgr.east'),
    t.login('director.dom'),
    t.login('mgr.north'),
  ]);
  product = (await ok<{ items: TProduct[] }>(await get(admin, '/api/v1/products?limit=1'))).items[0]!;
  const customers = (await ok<{ items: { id: string; name: string }[] }>(await get(rep, '/api/v1/customers?q=国网江苏省电力有限公司')))
    .items;
  const customerId = customers.find((c) => c.name === '国网江苏省电力有限公司')!.id;
  opportunityId = (
    await ok<{ id: string }>(
      await post(rep, '/api/v1/opportunities', { name: '审批测试商机', customerId, amount: '500000.00', expectedCloseDate: '2026-12-20' }),
      201,
    )
  ).id;
});

describe('approvals: the default quote route', () => {
  it('a flagged quote goes to the rep’s manager; the manager approves it from the inbox and the quote is approved', async () => {
    const def = await ok<TApprovalDefinition>(await get(admin, '/api/v1/approvals/definitions/quote'));
    expect(def.versions.at(-1)).toMatchObject({ versionNo: 1, note: 'default' });
    const q = await submitQuote('15');
    expect(q.status).toBe('needs_approval');
    expect(q.actions.approve).toBe(false);

    const item = (await box(mgr, 'todo')).find((i) => i.link === `/quotes/${q.id}`)!;
    expect(item).toMatchObject({ typeKey: 'quote', status: 'running', initiatorName: '黄磊', stepName: '直属经理审批' });
    expect((await ok<{ todo: number }>(await get(mgr, '/api/v1/approvals/tasks/count'))).todo).toBeGreaterThanOrEqual(1);
    expect((await box(rep, 'started')).some((i) => i.instanceId === item.instanceId)).toBe(true);
    const inbox = (await ok<{ items: { kind: string; link: string }[] }>(await get(mgr, '/api/v1/notifications?limit=50'))).items;
    expect(inbox.some((n) => n.kind === 'approval.task' && n.link === `/approvals/${item.instanceId}`)).toBe(true);

    // Someone else's task: neither readable nor actionable.
    expect((await get(mgrNorth, `/api/v1/approvals/tasks/${item.taskId}`)).statusCode).toBe(404);
    expect((await post(mgrNorth, `/api/v1/approvals/tasks/${item.taskId}/approve`)).statusCode).toBe(404);
    expect((await get(mgrNorth, `/api/v1/approvals/instances/${item.instanceId}`)).statusCode).toBe(404);
    expect((await post(rep, `/api/v1/approvals/tasks/${item.taskId}/approve`)).statusCode).toBe(404);
    // The manual path is closed for a version the engine decides.
    expect((await post(mgr, `/api/v1/quotes/${q.id}/approval`, { version: q.version, decision: 'approve' })).json().code).toBe(
      'QUOTE_APPROVAL_BY_ENGINE',
    );

    const done = await ok<TApprovalInstance>(await post(mgr, `/api/v1/approvals/tasks/${item.taskId}/approve`, { comment: '同意' }));
    expect(done.status).toBe('approved');
    expect(done.steps.map((s) => s.state)).toEqual(['approved', 'skipped']);
    expect(done.history.map((h) => h.kind)).toEqual(['start', 'approve', 'skip', 'finish']);
    const after = await quoteOf(q.id);
    expect(after.status).toBe('approved');
    expect(after.approval.decision).toMatchObject({ outcome: 'approved', byName: '张伟', comment: '同意', channel: 'approvals' });
    expect((await box(mgr, 'done')).some((i) => i.instanceId === item.instanceId)).toBe(true);
    const repInbox = (await ok<{ items: { kind: string }[] }>(await get(rep, '/api/v1/notifications?limit=50'))).items;
    expect(repInbox.some((n) => n.kind === 'approval.approved')).toBe(true);
    const audit = await t.database.db
      .select({ action: auditEntry.action })
      .from(auditEntry)
      .where(and(eq(auditEntry.entityType, 'approval_instance'), eq(auditEntry.entityId, item.instanceId)));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['approval.start', 'approval.approve']));
  });

  it('a discount beyond the manager’s 20 % goes on to a director; a rejection sends the quote back to draft', async () => {
    const q = await submitQuote('25');
    const inst = (await box(mgr, 'todo')).find((i) => i.link === `/quotes/${q.id}`)!;
    const afterMgr = await ok<TApprovalInstance>(await post(mgr, `/api/v1/approvals/tasks/${inst.taskId}/approve`));
    expect(afterMgr).toMatchObject({ status: 'running', currentStep: 1 });
    const dirTask = await taskOf(director, inst.instanceId);
    const rejected = await ok<TApprovalInstance>(
      await post(director, `/api/v1/approvals/tasks/${dirTask}/reject`, { comment: '折扣过大，请重新报价' }),
    );
    expect(rejected.status).toBe('rejected');
    const after = await quoteOf(q.id);
    expect(after).toMatchObject({ status: 'draft', approval: { decision: { outcome: 'refused', byName: '王建国' } } });
  });
});

describe('approvals: definitions and routes', () => {
  it('publishing makes a new version; a running instance keeps the version it started with', async () => {
    const q = await submitQuote('15');
    const item = (await box(mgr, 'todo')).find((i) => i.link === `/quotes/${q.id}`)!;
    const before = await ok<TApprovalInstance>(await get(mgr, `/api/v1/approvals/instances/${item.instanceId}`));
    const published = await publish([step('a', [{ kind: 'user', userId: director.userId }])]);
    const active = published.versions.find((v) => v.isActive)!;
    expect(active.versionNo).toBe(before.definitionVersionNo + 1);
    const previous = published.versions.find((v) => v.versionNo === before.definitionVersionNo)!;
    expect(previous.isActive).toBe(false);
    expect(previous.instanceCount).toBeGreaterThanOrEqual(3);
    expect(active.instanceCount).toBe(0);
    const done = await ok<TApprovalInstance>(await post(mgr, `/api/v1/approvals/tasks/${item.taskId}/approve`));
    expect(done).toMatchObject({ status: 'approved', definitionVersionNo: before.definitionVersionNo });
    // A stale editor loses.
    const stale = await post(admin, '/api/v1/approvals/definitions/quote/versions', {
      version: 1,
      steps: [step('a', [{ kind: 'manager' }])],
    });
    expect(stale.statusCode).toBe(409);
    // Conditions must name the type's facts.
    const bad = await post(admin, '/api/v1/approvals/definitions/quote/versions', {
      version: published.type.definitionVersion,
      steps: [step('a', [{ kind: 'manager' }], { conditions: [{ field: 'nope', op: 'gt', value: '1' }] })],
    });
    expect(bad.json().code).toBe('APPROVAL_DEFINITION_INVALID');
    expect((await get(rep, '/api/v1/approvals/definitions')).statusCode).toBe(403);
  });

  it('parallel “all”: every approver of the step must approve', async () => {
    await publish([
      step(
        'both',
        [
          { kind: 'user', userId: mgr.userId },
          { kind: 'user', userId: director.userId },
        ],
        { mode: 'all' },
      ),
    ]);
    const q = await submitQuote('15');
    const id = (await box(mgr, 'todo')).find((i) => i.link === `/quotes/${q.id}`)!.instanceId;
    const half = await ok<TApprovalInstance>(await post(mgr, `/api/v1/approvals/tasks/${await taskOf(mgr, id)}/approve`));
    expect(half.status).toBe('running');
    expect((await quoteOf(q.id)).status).toBe('needs_approval');
    const done = await ok<TApprovalInstance>(await post(director, `/api/v1/approvals/tasks/${await taskOf(director, id)}/approve`));
    expect(done.status).toBe('approved');
    expect((await quoteOf(q.id)).status).toBe('approved');
  });

  it('parallel “any”: the first approval decides; the other task is cancelled', async () => {
    await publish([
      step(
        'either',
        [
          { kind: 'user', userId: mgr.userId },
          { kind: 'user', userId: director.userId },
        ],
        { mode: 'any' },
      ),
    ]);
    const q = await submitQuote('15');
    const id = (await box(mgr, 'todo')).find((i) => i.link === `/quotes/${q.id}`)!.instanceId;
    const dirTask = await taskOf(director, id);
    await ok(await post(mgr, `/api/v1/approvals/tasks/${await taskOf(mgr, id)}/approve`));
    expect((await quoteOf(q.id)).status).toBe('approved');
    const late = await post(director, `/api/v1/approvals/tasks/${dirTask}/approve`);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('APPROVAL_TASK_ALREADY_DECIDED');
  });

  it('a named approver outside the quote’s data scope still decides it; the quote stays hidden from them', async () => {
    const named = await t.login('rep.north1');
    await publish([step('named', [{ kind: 'user', userId: named.userId }])]);
    const q = await submitQuote('15');
    expect((await get(named, `/api/v1/quotes/${q.id}`)).statusCode).toBe(404);
    const item = (await box(named, 'todo')).find((i) => i.link === `/quotes/${q.id}`)!;
    const done = await ok<TApprovalInstance>(
      await post(named, `/api/v1/approvals/tasks/${item.taskId}/approve`, { comment: '条款无异议' }),
    );
    expect(done.status).toBe('approved');
    expect((await quoteOf(q.id)).approval.decision).toMatchObject({ outcome: 'approved', byName: '朱峰', comment: '条款无异议' });
  });

  it('auto-approval: a step whose auto-approve condition holds approves itself', async () => {
    await publish([
      step('small', [{ kind: 'manager' }], { autoApprove: [{ field: 'maxDiscountPercent', op: 'lt', value: '50' }] }),
      step('big', [{ kind: 'department_head', levels: 2 }], { conditions: [{ field: 'maxDiscountPercent', op: 'gte', value: '15' }] }),
    ]);
    const q = await submitQuote('15');
    const item = (await box(director, 'todo')).find((i) => i.link === `/quotes/${q.id}`)!;
    const detail = await ok<TApprovalInstance>(await get(director, `/api/v1/approvals/instances/${item.instanceId}`));
    expect(detail.steps.map((s) => s.state)).toEqual(['auto_approved', 'active']);
    expect(detail.steps[1]!.tasks.map((x) => x.assigneeName)).toEqual(['王建国']);
    expect((await box(mgr, 'todo')).some((i) => i.instanceId === item.instanceId)).toBe(false);

    // A route that needs nobody approves the quote on submit.
    await publish([step('only', [{ kind: 'manager' }], { conditions: [{ field: 'maxDiscountPercent', op: 'gt', value: '90' }] })]);
    const direct = await submitQuote('15');
    expect(direct).toMatchObject({ status: 'approved', approval: { decision: { outcome: 'approved', channel: 'approvals' } } });
  });
});

describe('approvals: actions', () => {
  it('reject back to an earlier step: that step is asked again', async () => {
    await publish([step('m', [{ kind: 'manager' }]), step('d', [{ kind: 'user', userId: director.userId }])]);
    const q = await submitQuote('15');
    const id = (await box(mgr, 'todo')).find((i) => i.link === `/quotes/${q.id}`)!.instanceId;
    await ok(await post(mgr, `/api/v1/approvals/tasks/${await taskOf(mgr, id)}/approve`));
    const dirTask = await taskOf(director, id);
    const badTarget = await post(director, `/api/v1/approvals/tasks/${dirTask}/reject`, { comment: 'x', toStep: 1 });
    expect(badTarget.json().code).toBe('APPROVAL_REJECT_TARGET_INVALID');
    const back = await ok<TApprovalInstance>(
      await post(director, `/api/v1/approvals/tasks/${dirTask}/reject`, { comment: '请经理复核', toStep: 0 }),
    );
    expect(back).toMatchObject({ status: 'running', currentStep: 0 });
    expect(back.steps.map((s) => s.state)).toEqual(['active', 'waiting']);
    expect((await quoteOf(q.id)).status).toBe('needs_approval');
    await ok(await post(mgr, `/api/v1/approvals/tasks/${await taskOf(mgr, id)}/approve`));
    await ok(await post(director, `/api/v1/approvals/tasks/${await taskOf(director, id)}/approve`));
    expect((await quoteOf(q.id)).status).toBe('approved');
  });

  it('transfer and add approver', async () => {
    await publish([step('m', [{ kind: 'manager' }], { mode: 'all' })]);
    const q = await submitQuote('15');
    const id = (await box(mgr, 'todo')).find((i) => i.link === `/quotes/${q.id}`)!.instanceId;
    const own = await taskOf(mgr, id);
    const toSelf = await post(mgr, `/api/v1/approvals/tasks/${own}/transfer`, { userId: mgr.userId });
    expect(toSelf.json().code).toBe('APPROVAL_TARGET_USER_INVALID');
    // The manager asks the director to approve too (the step needs all).
    await ok(await post(mgr, `/api/v1/approvals/tasks/${own}/add-approver`, { userId: director.userId, comment: '请总监一并审核' }));
    // …and hands the own part to the northern manager.
    await ok(await post(mgr, `/api/v1/approvals/tasks/${own}/transfer`, { userId: mgrNorth.userId, comment: '出差，请代批' }));
    expect((await box(mgr, 'done')).find((i) => i.taskId === own)?.taskStatus).toBe('transferred');
    await ok(await post(mgrNorth, `/api/v1/approvals/tasks/${await taskOf(mgrNorth, id)}/approve`));
    expect((await quoteOf(q.id)).status).toBe('needs_approval');
    const done = await ok<TApprovalInstance>(await post(director, `/api/v1/approvals/tasks/${await taskOf(director, id)}/approve`));
    expect(done.status).toBe('approved');
    expect(done.history.map((h) => h.kind)).toEqual(['start', 'add_approver', 'transfer', 'approve', 'approve', 'finish']);
    expect((await quoteOf(q.id)).status).toBe('approved');
  });

  it('the initiator withdraws from the inbox: the quote is a draft again; nobody else may', async () => {
    await publish([step('m', [{ kind: 'manager' }])]);
    const q = await submitQuote('15');
    const item = (await box(mgr, 'todo')).find((i) => i.link === `/quotes/${q.id}`)!;
    expect((await post(mgr, `/api/v1/approvals/instances/${item.instanceId}/withdraw`)).json().code).toBe('APPROVAL_ONLY_INITIATOR');
    const file = await ok<{ id: string }>(await upload(mgr, '客户背景说明.txt', Buffer.from('该客户为省级电网公司，付款记录良好。')), 201);
    const comment = await ok<TApprovalInstance>(
      await post(mgr, `/api/v1/approvals/instances/${item.instanceId}/comments`, { comment: '请补充客户背景', attachmentIds: [file.id] }),
    );
    expect(comment.history.at(-1)).toMatchObject({
      kind: 'comment',
      actorName: '张伟',
      comment: '请补充客户背景',
      attachments: [{ id: file.id, name: '客户背景说明.txt', mimeType: 'text/plain' }],
    });
    // Whoever takes part may download it; nobody else.
    const download = await get(rep, `/api/v1/approvals/instances/${item.instanceId}/attachments/${file.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toContain('付款记录良好');
    expect((await get(mgrNorth, `/api/v1/approvals/instances/${item.instanceId}/attachments/${file.id}`)).statusCode).toBe(404);
    // Someone else's upload cannot be attached.
    const foreign = await post(rep, `/api/v1/approvals/instances/${item.instanceId}/comments`, { comment: 'x', attachmentIds: [file.id] });
    expect(foreign.json().code).toBe('APPROVAL_ATTACHMENT_INVALID');
    const gone = await ok<TApprovalInstance>(
      await post(rep, `/api/v1/approvals/instances/${item.instanceId}/withdraw`, { comment: '改价' }),
    );
    expect(gone.status).toBe('withdrawn');
    expect((await quoteOf(q.id)).status).toBe('draft');
    const late = await post(mgr, `/api/v1/approvals/tasks/${item.taskId}/approve`);
    expect(late.json().code).toBe('APPROVAL_TASK_ALREADY_DECIDED');
    // Withdrawing on the quote itself ends the instance too.
    const again = await ok<TQuote>(await post(rep, `/api/v1/quotes/${q.id}/submit`, { version: (await quoteOf(q.id)).version }));
    const second = (await box(mgr, 'todo')).find((i) => i.link === `/quotes/${q.id}`)!;
    await ok(await post(rep, `/api/v1/quotes/${q.id}/withdraw`, { version: again.version }));
    const ended = await ok<TApprovalInstance>(await get(rep, `/api/v1/approvals/instances/${second.instanceId}`));
    expect(ended.status).toBe('withdrawn');
  });

  it('two approvals of the same pending work at once: exactly one wins, the other gets 409', async () => {
    await publish([
      step('either', [
        { kind: 'user', userId: mgr.userId },
        { kind: 'user', userId: director.userId },
      ]),
    ]);
    const q = await submitQuote('15');
    const id = (await box(mgr, 'todo')).find((i) => i.link === `/quotes/${q.id}`)!.instanceId;
    const [mgrTask, dirTask] = [await taskOf(mgr, id), await taskOf(director, id)];
    const results = await Promise.all([
      post(mgr, `/api/v1/approvals/tasks/${mgrTask}/approve`),
      post(mgr, `/api/v1/approvals/tasks/${mgrTask}/approve`),
      post(director, `/api/v1/approvals/tasks/${dirTask}/approve`),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'APPROVAL_TASK_ALREADY_DECIDED')).toBe(true);
    expect((await quoteOf(q.id)).status).toBe('approved');
    const decisions = await t.database.db
      .select({ action: auditEntry.action })
      .from(auditEntry)
      .where(and(eq(auditEntry.entityType, 'quote'), eq(auditEntry.entityId, q.id), eq(auditEntry.action, 'quote.approval.approved')));
    expect(decisions).toHaveLength(1);
  });
});

describe('approvals: time limits', () => {
  it('reminds halfway, escalates to the head above when the limit is over', async () => {
    await publish([step('m', [{ kind: 'manager' }], { timeLimitHours: 4 })]);
    const q = await submitQuote('15');
    const id = (await box(mgr, 'todo')).find((i) => i.link === `/quotes/${q.id}`)!.instanceId;
    const start = t.clock.now();
    try {
      t.clock.set(new Date(start.getTime() + 1 * 3_600_000));
      expect(await t.modules.workflow.escalateDue()).toEqual({ reminded: 0, escalated: 0 });
      t.clock.set(new Date(start.getTime() + 2 * 3_600_000));
      expect((await t.modules.workflow.escalateDue()).reminded).toBeGreaterThanOrEqual(1);
      t.clock.set(new Date(start.getTime() + 4 * 3_600_000));
      await t.kernel.jobs.runNow(t.modules.workflow.jobs.escalateDue, {});
      // Running it again changes nothing.
      expect(await t.modules.workflow.escalateDue()).toEqual({ reminded: 0, escalated: 0 });
      const later = await t.login('director.dom');
      const escalated = (await box(later, 'todo')).find((i) => i.instanceId === id);
      expect(escalated).toBeTruthy();
      const detail = await ok<TApprovalInstance>(await get(later, `/api/v1/approvals/instances/${id}`));
      expect(detail.history.map((h) => h.kind)).toEqual(['start', 'remind', 'escalate']);
      expect(detail.steps[0]!.tasks.map((x) => [x.assigneeName, x.origin])).toEqual([
        ['张伟', 'rule'],
        ['王建国', 'escalation'],
      ]);
      await ok(await post(later, `/api/v1/approvals/tasks/${escalated!.taskId}/approve`));
      expect((await quoteOf(q.id, await t.login('rep.east1'))).status).toBe('approved');
    } finally {
      t.clock.set(start);
    }
  });
});
