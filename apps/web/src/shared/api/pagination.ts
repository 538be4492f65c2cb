import type { InfiniteData } from '@tanstack/react-query';
import type { TPage } from '@crm/contracts';

/** Default page size for keyset lists ("load more"). */
export const PAGE_SIZE = 50;

export const firstPageParam = undefined as string | undefined;

export function nextPageParam<T>(last: TPage<T>): string | undefined {
  return last.nextCursor ?? undefined;
}

export function flattenPages<T>(data: InfiniteData<TPage<T>> | undefined): T[] {
  return data ? data.pages.flatMap((page) => page.items) : [];
}
