import { ADVERSE_BUSINESS_STATUS, type TRegistryChangeField, type TRegistrySnapshot } from '@crm/contracts';

export type RegistryFieldChange = { field: TRegistryChangeField; before: string | null; after: string | null; isAlert: boolean };

const SNAPSHOT_FIELD: Record<TRegistryChangeField, keyof TRegistrySnapshot> = {
  name: 'registeredName',
  businessStatus: 'businessStatus',
  registeredAddress: 'registeredAddress',
  legalRepresentative: 'legalRepresentative',
  registeredCapital: 'registeredCapital',
};

/** Width, brackets and spaces do not make a change (the registry rewrites them now and then). */
function comparable(value: string | null | undefined): string {
  return (value ?? '').normalize('NFKC').replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/[，]/g, ',').replace(/\s+/g, '');
}

function isAlert(field: TRegistryChangeField, after: string | null): boolean {
  if (field === 'name' || field === 'registeredAddress') return true;
  if (field === 'businessStatus') return after !== null && ADVERSE_BUSINESS_STATUS.test(after);
  return false;
}

/**
 * What changed between the stored snapshot and a fresh one. The first sync (no earlier snapshot)
 * sets the baseline and reports nothing; a field the registry no longer returns is not a change.
 */
export function diffRegistrySnapshots(previous: TRegistrySnapshot | null, next: TRegistrySnapshot): RegistryFieldChange[] {
  if (!previous || !previous.syncedAt) return [];
  const changes: RegistryFieldChange[] = [];
  for (const [field, key] of Object.entries(SNAPSHOT_FIELD) as [TRegistryChangeField, keyof TRegistrySnapshot][]) {
    const before = (previous[key] as string | null | undefined) ?? null;
    const after = (next[key] as string | null | undefined) ?? null;
    if (after === null) continue;
    // A snapshot taken before names were kept has nothing to compare the name with.
    if (field === 'name' && previous.registeredName === undefined) continue;
    if (comparable(before) === comparable(after)) continue;
    changes.push({ field, before, after, isAlert: isAlert(field, after) });
  }
  return changes;
}
