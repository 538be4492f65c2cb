import { useCallback, useState } from 'react';
import type { TCustomerColumn } from '@crm/contracts';
import { normaliseColumns } from './customer-columns.tsx';

const STORAGE_KEY = 'crm.customers.columns';

function read(): TCustomerColumn[] {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    return normaliseColumns(raw ? JSON.parse(raw) : null);
  } catch {
    return normaliseColumns(null);
  }
}

/** The columns of the list when no saved view is chosen, remembered in this browser. */
export function useStoredColumns(): [TCustomerColumn[], (columns: TCustomerColumn[]) => void] {
  const [columns, setColumns] = useState(read);
  const save = useCallback((next: TCustomerColumn[]) => {
    setColumns(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Storage can be unavailable (private mode, policies): the choice lasts until the page is left.
    }
  }, []);
  return [columns, save];
}
