import { useCallback } from 'react';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  TAnnexImportResult,
  TContract,
  TContractCreate,
  TContractDiff,
  TContractListItem,
  TContractListQuery,
  TContractReview,
  TContractSettings,
  TContractStatus,
  TContractType,
  TContractUpdate,
  TPage,
} from '@crm/contracts';
import { api, apiUrl } from '../../../shared/api/api-client.ts';
import { PAGE_SIZE, firstPageParam, nextPageParam } from '../../../shared/api/pagination.ts';
import { approvalsQueryKeys } from '../../approvals/api/approvals.queries.ts';

export type ContractSort = NonNullable<TContractListQuery['sort']>;

export interface ContractFilters {
  q?: string;
  statuses?: TContractStatus[];
  type?: TContractType;
  customerId?: string;
  ownerId?: string;
  signedFrom?: string;
  signedTo?: string;
  sort: ContractSort;
}

export interface ContractSettingsRecord {
  settings: TContractSettings;
  version: number;
}

export const contractsQueryKeys = {
  all: ['contracts'] as const,
  lists: () => [...contractsQueryKeys.all, 'list'] as const,
  list: (filters: ContractFilters, limit = PAGE_SIZE) => [...contractsQueryKeys.lists(), filters, limit] as const,
  details: () => [...contractsQueryKeys.all, 'detail'] as const,
  /** The contract as it stands ('current'), or one of its older versions by id. */
  detail: (id: string, versionId?: string) => [...contractsQueryKeys.details(), id, versionId ?? 'current'] as const,
  diff: (id: string) => [...contractsQueryKeys.all, 'diff', id] as const,
  settings: () => [...contractsQueryKeys.all, 'settings'] as const,
};

const contractPath = (id: string) => `/contracts/${encodeURIComponent(id)}`;

function listParams(filters: ContractFilters) {
  return {
    q: filters.q?.trim() || undefined,
    status: filters.statuses,
    type: filters.type,
    customerId: filters.customerId,
    ownerId: filters.ownerId,
    signedFrom: filters.signedFrom,
    signedTo: filters.signedTo,
    sort: filters.sort,
  };
}

export function useContracts(filters: ContractFilters, options: { limit?: number; enabled?: boolean } = {}) {
  const limit = options.limit ?? PAGE_SIZE;
  return useInfiniteQuery({
    queryKey: contractsQueryKeys.list(filters, limit),
    queryFn: ({ pageParam, signal }) =>
      api.get<TPage<TContractListItem>>('/contracts', { ...listParams(filters), limit, cursor: pageParam }, { signal }),
    initialPageParam: firstPageParam,
    getNextPageParam: nextPageParam,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** A contract: its working version (the open amendment or the effective one), or an older version by id. */
export function useContract(id: string | undefined, versionId?: string) {
  return useQuery({
    queryKey: contractsQueryKeys.detail(id ?? '', versionId),
    queryFn: ({ signal }) => api.get<TContract>(contractPath(id!), versionId ? { versionId } : undefined, { signal }),
    enabled: !!id,
  });
}

/** The open amendment against the effective version. */
export function useContractDiff(id: string, enabled: boolean) {
  return useQuery({
    queryKey: contractsQueryKeys.diff(id),
    queryFn: ({ signal }) => api.get<TContractDiff>(`${contractPath(id)}/diff`, undefined, { signal }),
    enabled,
  });
}

/**
 * After a change of the contract: its current view takes the answer; lists, the amendment diff and
 * the older versions (whose status may have moved, e.g. superseded) reload.
 */
function refreshAfterChange(queryClient: QueryClient, saved: TContract) {
  queryClient.setQueryData(contractsQueryKeys.detail(saved.id), saved);
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: contractsQueryKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: contractsQueryKeys.diff(saved.id) }),
    queryClient.invalidateQueries({
      queryKey: [...contractsQueryKeys.details(), saved.id],
      predicate: (q) => q.queryKey[3] !== 'current',
    }),
  ]);
}

export function useCreateContract() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TContractCreate) => api.post<TContract>('/contracts', body),
    onSuccess: (saved) => refreshAfterChange(queryClient, saved),
  });
}

export function useUpdateContract() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TContractUpdate }) => api.patch<TContract>(contractPath(id), body),
    onSuccess: (saved) => refreshAfterChange(queryClient, saved),
  });
}

/** Runs the automatic review again; the findings go into the contract shown (reloaded) and the list's review level. */
export function useRunContractReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<TContractReview>(`${contractPath(id)}/review`),
    onSuccess: (review, id) => {
      queryClient.setQueryData<TContract>(contractsQueryKeys.detail(id), (c) => (c ? { ...c, review } : c));
      // Storing the review moves the record's version: reload the contract so that the next change carries it.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: contractsQueryKeys.detail(id) }),
        queryClient.invalidateQueries({ queryKey: contractsQueryKeys.lists() }),
      ]);
    },
  });
}

export type ContractAction =
  | { kind: 'submit'; version: number; specialApprovalReason?: string }
  | { kind: 'withdraw' | 'execute' | 'complete'; version: number }
  | { kind: 'sign'; version: number; signedDate: string }
  | { kind: 'terminate' | 'amendments'; version: number; reason: string };

function actionRequest(id: string, action: ContractAction): Promise<TContract> {
  const { kind, ...body } = action;
  return api.post<TContract>(`${contractPath(id)}/${kind}`, body);
}

/** Submit, withdraw, sign, execute, complete, terminate, start an amendment. Submitting and withdrawing move an approval. */
export function useContractAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: ContractAction }) => actionRequest(id, action),
    onSuccess: (saved, { action }) => {
      const approvals =
        action.kind === 'submit' || action.kind === 'withdraw'
          ? [
              queryClient.invalidateQueries({ queryKey: approvalsQueryKeys.boxes() }),
              queryClient.invalidateQueries({ queryKey: approvalsQueryKeys.todoCount() }),
              ...(saved.approvalInstanceId
                ? [queryClient.invalidateQueries({ queryKey: approvalsQueryKeys.instance(saved.approvalInstanceId) })]
                : []),
            ]
          : [];
      return Promise.all([refreshAfterChange(queryClient, saved), ...approvals]);
    },
  });
}

export type AnnexMode = 'replace' | 'append';

/** The product-list annex (xlsx) applied to the working version's lines. */
export function useImportContractAnnex() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file, mode }: { id: string; file: File; mode: AnnexMode }) => {
      const form = new FormData();
      form.append('mode', mode);
      form.append('file', file, file.name);
      return api.upload<TAnnexImportResult>(`${contractPath(id)}/annex`, form);
    },
    onSuccess: (result) => refreshAfterChange(queryClient, result.contract),
  });
}

export function annexTemplateUrl(): string {
  return apiUrl('/contracts/annex-template.xlsx');
}

/** The contract's approval changed elsewhere (decided in the approvals panel): reload the contract and the lists. */
export function useRefreshContract() {
  const queryClient = useQueryClient();
  return useCallback(
    (id: string) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: [...contractsQueryKeys.details(), id] }),
        queryClient.invalidateQueries({ queryKey: contractsQueryKeys.lists() }),
      ]),
    [queryClient],
  );
}

export function useContractSettings() {
  return useQuery({
    queryKey: contractsQueryKeys.settings(),
    queryFn: ({ signal }) => api.get<ContractSettingsRecord>('/contract-settings', undefined, { signal }),
  });
}

export function useUpdateContractSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContractSettingsRecord) => api.put<ContractSettingsRecord>('/contract-settings', body),
    onSuccess: (saved) => queryClient.setQueryData(contractsQueryKeys.settings(), saved),
  });
}
