import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TContractDocument, TContractDocumentKind, TContractDocumentList } from '@crm/contracts';
import { api, apiUrl } from '../../../shared/api/api-client.ts';
import { contractsQueryKeys } from '../api/contracts.queries.ts';

export const contractDocumentsQueryKeys = {
  all: ['contract-documents'] as const,
  list: (contractId: string) => [...contractDocumentsQueryKeys.all, contractId] as const,
};

const documentsPath = (contractId: string) => `/contracts/${encodeURIComponent(contractId)}/documents`;

export function useContractDocuments(contractId: string) {
  return useQuery({
    queryKey: contractDocumentsQueryKeys.list(contractId),
    queryFn: ({ signal }) => api.get<TContractDocumentList>(documentsPath(contractId), undefined, { signal }),
  });
}

export function documentVersionUrl(contractId: string, documentId: string, versionNo: number): string {
  return apiUrl(`${documentsPath(contractId)}/${encodeURIComponent(documentId)}/versions/${versionNo}/content`);
}

export function archivePdfUrl(contractId: string): string {
  return apiUrl(`/contracts/${encodeURIComponent(contractId)}/archive.pdf`);
}

/** The documents list, and the contract itself (signing depends on the archive). */
function useInvalidate(contractId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: contractDocumentsQueryKeys.list(contractId) });
    void queryClient.invalidateQueries({ queryKey: [...contractsQueryKeys.details(), contractId] });
  };
}

export type DocumentUploadInput = { kind: TContractDocumentKind; title?: string; note?: string; file: File };

export function useUploadContractDocument(contractId: string) {
  const invalidate = useInvalidate(contractId);
  return useMutation({
    mutationFn: ({ kind, title, note, file }: DocumentUploadInput) => {
      const form = new FormData();
      form.append('kind', kind);
      if (title?.trim()) form.append('title', title.trim());
      if (note?.trim()) form.append('note', note.trim());
      form.append('file', file, file.name);
      return api.upload<TContractDocument>(documentsPath(contractId), form);
    },
    onSuccess: invalidate,
  });
}

export function useAddContractDocumentVersion(contractId: string) {
  const invalidate = useInvalidate(contractId);
  return useMutation({
    mutationFn: ({ documentId, note, file }: { documentId: string; note?: string; file: File }) => {
      const form = new FormData();
      if (note?.trim()) form.append('note', note.trim());
      form.append('file', file, file.name);
      return api.upload<TContractDocument>(`${documentsPath(contractId)}/${encodeURIComponent(documentId)}/versions`, form);
    },
    onSuccess: invalidate,
  });
}

export function useDeleteContractDocument(contractId: string) {
  const invalidate = useInvalidate(contractId);
  return useMutation({
    mutationFn: (documentId: string) => api.delete(`${documentsPath(contractId)}/${encodeURIComponent(documentId)}`),
    onSuccess: invalidate,
  });
}

export function useGenerateContractDocument(contractId: string) {
  const invalidate = useInvalidate(contractId);
  return useMutation({
    mutationFn: (input: { templateId: string; note?: string }) =>
      api.post<TContractDocument>(`${documentsPath(contractId)}/generate`, input),
    onSuccess: invalidate,
  });
}
