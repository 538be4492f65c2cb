import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TContractArchiveSettingsResponse,
  TContractArchiveSettingsUpdate,
  TContractTemplate,
  TContractTemplateCreateFields,
  TContractTemplateUpdate,
  TContractType,
} from '@crm/contracts';
import { api, apiUrl } from '../../../shared/api/api-client.ts';

export const contractTemplatesQueryKeys = {
  all: ['contract-templates'] as const,
  list: (contractType?: TContractType) => [...contractTemplatesQueryKeys.all, 'list', contractType ?? 'any'] as const,
  archiveSettings: () => ['contract-archive-settings'] as const,
};

const templatePath = (id: string) => `/contract-templates/${encodeURIComponent(id)}`;

/** Templates: all of them for template managers, the active ones (optionally for one contract type) for everyone else. */
export function useContractTemplates(contractType?: TContractType, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: contractTemplatesQueryKeys.list(contractType),
    queryFn: ({ signal }) => api.get<{ items: TContractTemplate[] }>('/contract-templates', { contractType }, { signal }),
    select: (data) => data.items,
    enabled: options.enabled ?? true,
  });
}

export function templateFileUrl(id: string, versionNo: number): string {
  return apiUrl(`${templatePath(id)}/versions/${versionNo}/content`);
}

function form(fields: Record<string, string | undefined | null>, file: File): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value) data.append(key, value);
  data.append('file', file, file.name);
  return data;
}

export function useCreateContractTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ fields, file }: { fields: TContractTemplateCreateFields; file: File }) =>
      api.upload<TContractTemplate>('/contract-templates', form(fields, file)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: contractTemplatesQueryKeys.all }),
  });
}

export function useAddContractTemplateVersion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => api.upload<TContractTemplate>(`${templatePath(id)}/versions`, form({}, file)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: contractTemplatesQueryKeys.all }),
  });
}

export function useUpdateContractTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TContractTemplateUpdate }) => api.patch<TContractTemplate>(templatePath(id), input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: contractTemplatesQueryKeys.all }),
  });
}

export function useContractArchiveSettings() {
  return useQuery({
    queryKey: contractTemplatesQueryKeys.archiveSettings(),
    queryFn: ({ signal }) => api.get<TContractArchiveSettingsResponse>('/contract-archive-settings', undefined, { signal }),
  });
}

export function useUpdateContractArchiveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TContractArchiveSettingsUpdate) => api.put<TContractArchiveSettingsResponse>('/contract-archive-settings', input),
    onSuccess: (data) => {
      queryClient.setQueryData(contractTemplatesQueryKeys.archiveSettings(), data);
      // The archive status of every contract depends on these settings.
      void queryClient.invalidateQueries({ queryKey: ['contract-documents'] });
    },
  });
}
