import type { TLead } from '@crm/contracts';
import { iso } from '../../../kernel/http/pagination.ts';
import type { People, UserSummary } from '../../admin/index.ts';
import type { LeadRow } from './leads.repository.ts';

export function toLeadDto(row: LeadRow, owners: Map<string, UserSummary>, departments: Map<string, string>): TLead {
  const owner = row.ownerId ? owners.get(row.ownerId) : undefined;
  return {
    id: row.id,
    companyName: row.companyName,
    contactName: row.contactName,
    title: row.title,
    mobile: row.mobile,
    email: row.email,
    province: row.province,
    city: row.city,
    industry: row.industry,
    source: row.source,
    status: row.status,
    ownerId: row.ownerId,
    ownerName: owner?.displayName ?? null,
    departmentId: row.departmentId,
    departmentName: row.departmentId
      ? owner && owner.departmentId === row.departmentId
        ? owner.departmentName
        : (departments.get(row.departmentId) ?? null)
      : null,
    notes: row.notes,
    disqualifyReason: row.disqualifyReason,
    disqualifyNote: row.disqualifyNote,
    disqualifiedAt: iso(row.disqualifiedAt),
    qualifiedAt: iso(row.qualifiedAt),
    convertedCustomerId: row.convertedCustomerId,
    convertedContactId: row.convertedContactId,
    convertedOpportunityId: row.convertedOpportunityId,
    convertedAt: iso(row.convertedAt),
    lastActivityAt: iso(row.lastActivityAt),
    createdBy: row.createdBy,
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** Lead rows with the names of their owners and departments (read outside any transaction). */
export function createLeadPresenter(people: Pick<People, 'summaries' | 'departmentNames'>) {
  return async (rows: LeadRow[]): Promise<TLead[]> => {
    const owners = await people.summaries(rows.map((r) => r.ownerId));
    const orphanDepartments = rows
      .filter((r) => r.departmentId && (!r.ownerId || owners.get(r.ownerId)?.departmentId !== r.departmentId))
      .map((r) => r.departmentId);
    const departments = orphanDepartments.length > 0 ? await people.departmentNames(orphanDepartments) : new Map<string, string>();
    return rows.map((r) => toLeadDto(r, owners, departments));
  };
}
export type LeadPresenter = ReturnType<typeof createLeadPresenter>;
