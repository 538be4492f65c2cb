import { App, Button, Empty, Flex, Upload, type UploadFile } from 'antd';
import { CameraOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TRequirementAttachment, TStoredFile } from '@crm/contracts';
import { fileContentUrl, uploadFile } from '../../../shared/api/files.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { requirementAttachmentUrl } from '../api/requirements.queries.ts';

export type AttachmentFile = UploadFile<TStoredFile>;

/** Documents as the server accepts them (photos go through the camera button). */
const DOCUMENTS = 'image/*,.pdf,.doc,.docx,.xls,.xlsx,.txt,.csv';
const MAX_FILES = 20;

/** The saved attachments of a requirement, as the upload list holds them. */
export function attachmentFiles(requirementId: string, attachments: readonly TRequirementAttachment[]): AttachmentFile[] {
  return attachments.map((a) => ({
    uid: a.id,
    name: a.name,
    status: 'done',
    size: a.size,
    type: a.mimeType,
    url: requirementAttachmentUrl(requirementId, a.id),
    thumbUrl: a.mimeType.startsWith('image/') ? requirementAttachmentUrl(requirementId, a.id) : undefined,
    response: { ...a, sha256: '', createdAt: '' },
  }));
}

export const attachmentIdsOf = (files: readonly AttachmentFile[]) =>
  files.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.id);

/**
 * Photos and documents of a requirement: on phones a large "take photo" button opens the camera
 * (`capture`), another picks documents; each file is uploaded at once through the files API.
 */
export function RequirementAttachmentsInput({ files, onChange }: { files: AttachmentFile[]; onChange: (files: AttachmentFile[]) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const size = isMobile ? 'large' : 'middle';

  const merge = (file: AttachmentFile) => {
    const done = file.status === 'done' && file.response ? { ...file, url: fileContentUrl(file.response.id) } : file;
    if (done.status === 'done' && done.type?.startsWith('image/')) done.thumbUrl = done.url;
    const exists = files.some((f) => f.uid === file.uid);
    onChange(exists ? files.map((f) => (f.uid === file.uid ? done : f)) : [...files, done]);
  };

  const request: Parameters<typeof Upload>[0]['customRequest'] = ({ file, onSuccess, onError }) => {
    uploadFile(file as File)
      .then((stored) => onSuccess?.(stored))
      .catch((e: unknown) => {
        void message.error(e instanceof Error ? e.message : String(e));
        onError?.(e instanceof Error ? e : new Error(String(e)));
      });
  };

  return (
    <Flex vertical gap={8} data-testid="requirement-attachments">
      <Flex gap={8} wrap>
        <Upload<TStoredFile>
          accept="image/*"
          capture="environment"
          multiple
          showUploadList={false}
          customRequest={request}
          onChange={({ file }) => merge(file)}
          disabled={files.length >= MAX_FILES}
        >
          <Button size={size} icon={<CameraOutlined />} data-testid="requirement-photo" block={isMobile}>
            {t('requirements.form.takePhoto')}
          </Button>
        </Upload>
        <Upload<TStoredFile>
          accept={DOCUMENTS}
          multiple
          showUploadList={false}
          customRequest={request}
          onChange={({ file }) => merge(file)}
          disabled={files.length >= MAX_FILES}
        >
          <Button size={size} icon={<PaperClipOutlined />} data-testid="requirement-upload">
            {t('requirements.form.uploadFile')}
          </Button>
        </Upload>
      </Flex>
      <Upload<TStoredFile>
        listType="picture"
        fileList={files}
        openFileDialogOnClick={false}
        onRemove={(file) => onChange(files.filter((f) => f.uid !== file.uid))}
      />
    </Flex>
  );
}

/** The attachments of a saved requirement, as links (images with thumbnails). */
export function RequirementAttachmentsView({
  requirementId,
  attachments,
}: {
  requirementId: string;
  attachments: readonly TRequirementAttachment[];
}) {
  const { t } = useTranslation();
  if (attachments.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('requirements.detail.noAttachments')} style={{ margin: '8px 0' }} />;
  }
  return (
    <div data-testid="requirement-attachment-list">
      <Upload<TStoredFile>
        listType="picture"
        fileList={attachmentFiles(requirementId, attachments)}
        showUploadList={{ showRemoveIcon: false }}
        openFileDialogOnClick={false}
      />
    </div>
  );
}
