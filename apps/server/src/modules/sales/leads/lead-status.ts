import type { TLeadStatus } from '@crm/contracts';

/** What a person does to a lead that moves its status. */
export type LeadTransition = 'qualify' | 'disqualify' | 'reopen' | 'convert';

const FROM: Record<LeadTransition, readonly TLeadStatus[]> = {
  qualify: ['new', 'following'],
  disqualify: ['new', 'following', 'qualified'],
  reopen: ['disqualified'],
  convert: ['new', 'following', 'qualified'],
};

const TO: Record<LeadTransition, TLeadStatus> = {
  qualify: 'qualified',
  disqualify: 'disqualified',
  reopen: 'following',
  convert: 'converted',
};

/** The status a transition leads to, or null when the lead's status does not allow it. */
export function nextLeadStatus(status: TLeadStatus, transition: LeadTransition): TLeadStatus | null {
  return FROM[transition].includes(status) ? TO[transition] : null;
}

/** The statuses a transition may start from (the SQL guard of the update uses them too). */
export function transitionSources(transition: LeadTransition): readonly TLeadStatus[] {
  return FROM[transition];
}

/** A first activity on a new lead means it is being followed up; other statuses stay as they are. */
export function statusAfterActivity(status: TLeadStatus): TLeadStatus {
  return status === 'new' ? 'following' : status;
}

/** A converted lead is history: no edits, assignments or new activities. */
export function isLeadClosed(status: TLeadStatus): boolean {
  return status === 'converted';
}

/** The transitions open to a lead in this status (for the web app's action buttons). */
export function availableTransitions(status: TLeadStatus): LeadTransition[] {
  return (Object.keys(FROM) as LeadTransition[]).filter((t) => FROM[t].includes(status));
}
