import { describe, expect, it } from 'vitest';
import { checkStageMove, DEFAULT_STAGES, pipelineIssues, type StageDef, type StageSubject } from '../stage-rules.ts';

const stages: StageDef[] = DEFAULT_STAGES.map((s) => ({ ...s, id: s.code }));
const stage = (code: string) => stages.find((s) => s.code === code)!;
const plain: StageSubject = {
  isTender: false,
  amount: '100000.00',
  tenderNumber: null,
  bidOpeningDate: null,
  tenderResult: 'pending',
  awardNoticeFileId: null,
};
const tender: StageSubject = { ...plain, isTender: true, tenderNumber: 'ZB2026-001', bidOpeningDate: '2026-11-20' };

function move(from: string, to: string, opts: Partial<Parameters<typeof checkStageMove>[0]> = {}) {
  return checkStageMove({
    stages,
    from: stage(from),
    to: stage(to),
    visited: new Set([from]),
    subject: plain,
    canReopen: false,
    ...opts,
  });
}

describe('stage rules', () => {
  it('lets an opportunity move to the next stage and back', () => {
    expect(move('initial_contact', 'needs_confirmed')).toBeUndefined();
    expect(move('proposal', 'needs_confirmed')).toBeUndefined();
  });

  it('refuses to skip a required stage forward, naming it, unless the opportunity has been in it before', () => {
    expect(move('initial_contact', 'proposal')).toMatchObject({ rule: 'STAGE_REQUIRED_SKIPPED', stage: { code: 'needs_confirmed' } });
    expect(move('initial_contact', 'negotiation')).toMatchObject({ rule: 'STAGE_REQUIRED_SKIPPED', stage: { code: 'needs_confirmed' } });
    expect(move('initial_contact', 'proposal', { visited: new Set(['initial_contact', 'needs_confirmed']) })).toBeUndefined();
  });

  it('lets a plain opportunity skip the tender stage, but not a tender', () => {
    expect(move('proposal', 'negotiation')).toBeUndefined();
    expect(move('proposal', 'negotiation', { subject: tender })).toMatchObject({
      rule: 'STAGE_REQUIRED_SKIPPED',
      stage: { code: 'tender' },
    });
  });

  it('wants the tender number and bid opening date of a tender entering the tender stage', () => {
    expect(move('proposal', 'tender', { subject: { ...tender, tenderNumber: ' ' } })).toMatchObject({ rule: 'STAGE_TENDER_INFO_REQUIRED' });
    expect(move('proposal', 'tender', { subject: { ...tender, bidOpeningDate: null } })).toMatchObject({
      rule: 'STAGE_TENDER_INFO_REQUIRED',
    });
    expect(move('proposal', 'tender', { subject: tender })).toBeUndefined();
  });

  it('wins only with an amount, and a tender only with a won result and the award notice', () => {
    expect(move('negotiation', 'won', { subject: { ...plain, amount: '0.00' } })).toMatchObject({ rule: 'STAGE_WON_AMOUNT_REQUIRED' });
    expect(move('negotiation', 'won')).toBeUndefined();
    const visitedTender = new Set(['negotiation', 'tender']);
    expect(move('negotiation', 'won', { subject: tender, visited: visitedTender })).toMatchObject({
      rule: 'STAGE_WON_AWARD_NOTICE_REQUIRED',
    });
    expect(
      move('negotiation', 'won', { subject: { ...tender, tenderResult: 'lost', awardNoticeFileId: 'f' }, visited: visitedTender }),
    ).toMatchObject({
      rule: 'STAGE_WON_TENDER_RESULT_REQUIRED',
    });
    expect(move('negotiation', 'won', { subject: { ...tender, awardNoticeFileId: 'f' }, visited: visitedTender })).toBeUndefined();
  });

  it('does not win past a required stage never entered', () => {
    expect(move('initial_contact', 'won')).toMatchObject({ rule: 'STAGE_REQUIRED_SKIPPED', stage: { code: 'needs_confirmed' } });
  });

  it('loses from any stage, with a lost reason (and text for "other")', () => {
    expect(move('initial_contact', 'lost')).toMatchObject({ rule: 'STAGE_LOST_REASON_REQUIRED' });
    expect(move('initial_contact', 'lost', { reasonCode: 'other' })).toMatchObject({ rule: 'STAGE_LOST_REASON_REQUIRED' });
    expect(move('initial_contact', 'lost', { reasonCode: 'service' })).toMatchObject({ rule: 'STAGE_REASON_CODE_INVALID' });
    expect(move('initial_contact', 'lost', { reasonCode: 'other', reason: '项目取消' })).toBeUndefined();
    expect(move('proposal', 'lost', { reasonCode: 'price' })).toBeUndefined();
  });

  it('reopens a won or lost opportunity only with the permission and a reason', () => {
    expect(move('lost', 'proposal')).toMatchObject({ rule: 'STAGE_REOPEN_FORBIDDEN' });
    expect(move('lost', 'proposal', { canReopen: true })).toMatchObject({ rule: 'STAGE_REOPEN_REASON_REQUIRED' });
    expect(move('lost', 'proposal', { canReopen: true, reason: '客户重新启动采购' })).toBeUndefined();
    expect(move('won', 'won')).toMatchObject({ rule: 'STAGE_UNCHANGED' });
  });

  it('checks a pipeline for one won stage, a lost stage, open stages and unique codes', () => {
    expect(pipelineIssues(stages)).toEqual([]);
    expect(pipelineIssues(stages.filter((s) => s.kind !== 'won'))).toEqual(['stages']);
    expect(pipelineIssues([...stages, { code: 'won2', kind: 'won' }])).toEqual(['stages']);
    expect(pipelineIssues([...stages, { code: 'proposal', kind: 'open' }])).toEqual([`stages.${stages.length}.code`]);
  });
});
