import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** The task shown in the detail drawer lives in the address (`?task=<id>`): inbox links open it. */
export function useTaskParam(): [string | null, (id: string) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const taskId = params.get('task');
  const open = useCallback(
    (id: string) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        next.set('task', id);
        return next;
      }),
    [setParams],
  );
  const close = useCallback(
    () =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        next.delete('task');
        return next;
      }),
    [setParams],
  );
  return [taskId, open, close];
}
