import { describe, expect, it } from 'vitest';
import { availableTransitions, isLeadClosed, nextLeadStatus, statusAfterActivity } from '../lead-status.ts';

describe('lead status transitions', () => {
  it('qualifies new and followed-up leads only', () => {
    expect(nextLeadStatus('new', 'qualify')).toBe('qualified');
    expect(nextLeadStatus('following', 'qualify')).toBe('qualified');
    expect(nextLeadStatus('qualified', 'qualify')).toBeNull();
    expect(nextLeadStatus('disqualified', 'qualify')).toBeNull();
    expect(nextLeadStatus('converted', 'qualify')).toBeNull();
  });

  it('disqualifies any open lead, but not a converted or already disqualified one', () => {
    for (const s of ['new', 'following', 'qualified'] as const) expect(nextLeadStatus(s, 'disqualify')).toBe('disqualified');
    expect(nextLeadStatus('disqualified', 'disqualify')).toBeNull();
    expect(nextLeadStatus('converted', 'disqualify')).toBeNull();
  });

  it('reopens only a disqualified lead, into follow-up', () => {
    expect(nextLeadStatus('disqualified', 'reopen')).toBe('following');
    for (const s of ['new', 'following', 'qualified', 'converted'] as const) expect(nextLeadStatus(s, 'reopen')).toBeNull();
  });

  it('converts open leads; a disqualified lead must be reopened first and a converted one cannot convert twice', () => {
    for (const s of ['new', 'following', 'qualified'] as const) expect(nextLeadStatus(s, 'convert')).toBe('converted');
    expect(nextLeadStatus('disqualified', 'convert')).toBeNull();
    expect(nextLeadStatus('converted', 'convert')).toBeNull();
  });

  it('moves a new lead into follow-up on its first activity and leaves other statuses alone', () => {
    expect(statusAfterActivity('new')).toBe('following');
    expect(statusAfterActivity('following')).toBe('following');
    expect(statusAfterActivity('qualified')).toBe('qualified');
    expect(statusAfterActivity('disqualified')).toBe('disqualified');
  });

  it('lists the actions open to each status and closes converted leads', () => {
    expect(availableTransitions('new')).toEqual(['qualify', 'disqualify', 'convert']);
    expect(availableTransitions('qualified')).toEqual(['disqualify', 'convert']);
    expect(availableTransitions('disqualified')).toEqual(['reopen']);
    expect(availableTransitions('converted')).toEqual([]);
    expect(isLeadClosed('converted')).toBe(true);
    expect(isLeadClosed('disqualified')).toBe(false);
  });
});
