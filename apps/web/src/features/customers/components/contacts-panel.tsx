import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Popconfirm, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, MailOutlined, PhoneOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TContact } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { useDeleteContact } from '../api/customers.queries.ts';
import { ContactFormModal, type ContactModalState } from './contact-form-modal.tsx';

interface Props {
  customerId: string;
  contacts: TContact[];
  canUpdate: boolean;
  /** Reload the customer (stale version, or a contact that someone else removed). */
  onReload: () => void;
}

/** A number to dial: `tel:` wants no spaces or dashes. Masked numbers (public pool) cannot be dialled. */
const dialable = (value: string | null): value is string => !!value && !value.includes('*');
const telHref = (value: string) => `tel:${value.replace(/[^\d+]/g, '')}`;

function PhoneValue({ value, isMobile }: { value: string; isMobile: boolean }) {
  const { t } = useTranslation();
  if (isMobile && dialable(value)) {
    return (
      <a href={telHref(value)} className="tel-link" aria-label={t('contacts.call', { number: value })} data-testid="contact-call">
        <PhoneOutlined /> {value}
      </a>
    );
  }
  return <Typography.Text copyable={dialable(value) ? { text: value } : false}>{value}</Typography.Text>;
}

function ContactItem({
  contact,
  canUpdate,
  isMobile,
  onEdit,
  onDelete,
  deleting,
}: {
  contact: TContact;
  canUpdate: boolean;
  isMobile: boolean;
  onEdit: () => void;
  onDelete: () => void;
  deleting: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="contact-item" data-testid="contact-item">
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Flex gap={6} align="center" wrap style={{ minWidth: 0 }}>
          <Typography.Text strong>{contact.name}</Typography.Text>
          {contact.isPrimary ? (
            <Tag color="blue" style={{ marginInlineEnd: 0 }} data-testid="contact-primary-badge">
              {t('contacts.isPrimary')}
            </Tag>
          ) : null}
          {contact.title ? <Typography.Text type="secondary">{contact.title}</Typography.Text> : null}
        </Flex>
        {canUpdate ? (
          <Flex gap={0} style={{ flex: 'none' }}>
            <Button
              type="text"
              size="small"
              icon={<EditOutlined />}
              onClick={onEdit}
              aria-label={t('common.edit')}
              data-testid="contact-edit"
            />
            <Popconfirm
              title={t('contacts.deleteConfirm', { name: contact.name })}
              okButtonProps={{ danger: true, loading: deleting }}
              onConfirm={onDelete}
            >
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('common.delete')}
                data-testid="contact-delete"
              />
            </Popconfirm>
          </Flex>
        ) : null}
      </Flex>
      <div className="kv-list" style={{ marginTop: 6 }}>
        {contact.mobile ? (
          <>
            <span>{t('contacts.mobile')}</span>
            <PhoneValue value={contact.mobile} isMobile={isMobile} />
          </>
        ) : null}
        {contact.phone ? (
          <>
            <span>{t('contacts.phone')}</span>
            <PhoneValue value={contact.phone} isMobile={isMobile} />
          </>
        ) : null}
        {contact.email ? (
          <>
            <span>{t('contacts.email')}</span>
            {contact.email.includes('*') ? (
              <span>{contact.email}</span>
            ) : (
              <a href={`mailto:${contact.email}`} style={{ wordBreak: 'break-all' }}>
                <MailOutlined /> {contact.email}
              </a>
            )}
          </>
        ) : null}
        {contact.wechat ? (
          <>
            <span>{t('contacts.wechat')}</span>
            <span>{contact.wechat}</span>
          </>
        ) : null}
        {contact.notes ? (
          <>
            <span>{t('contacts.notes')}</span>
            <span style={{ whiteSpace: 'pre-wrap' }}>{contact.notes}</span>
          </>
        ) : null}
      </div>
    </div>
  );
}

export function ContactsPanel({ customerId, contacts, canUpdate, onReload }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [modal, setModal] = useState<ContactModalState>(null);
  const remove = useDeleteContact();
  const showError = useApiError();
  // The primary contact first, then in the order they were added.
  const sorted = [...contacts].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.createdAt.localeCompare(b.createdAt));

  const onDelete = (contact: TContact) =>
    remove.mutate(
      { customerId, contactId: contact.id },
      {
        onSuccess: () => void message.success(t('contacts.deleted')),
        onError: (e) => {
          showError(e);
          onReload();
        },
      },
    );

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          {t('contacts.heading')}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {contacts.length}
          </Typography.Text>
        </Flex>
      }
      extra={
        canUpdate ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setModal({ mode: 'create' })} data-testid="contact-add">
            {t('contacts.add')}
          </Button>
        ) : null
      }
      styles={{ body: { padding: sorted.length ? 8 : 16 } }}
      data-testid="contacts-panel"
    >
      {sorted.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contacts.empty')} />
      ) : (
        <Flex vertical gap={4}>
          {sorted.map((c) => (
            <ContactItem
              key={c.id}
              contact={c}
              canUpdate={canUpdate}
              isMobile={isMobile}
              onEdit={() => setModal({ mode: 'edit', contact: c })}
              onDelete={() => onDelete(c)}
              deleting={remove.isPending && remove.variables?.contactId === c.id}
            />
          ))}
        </Flex>
      )}
      <ContactFormModal
        customerId={customerId}
        state={modal}
        firstContact={contacts.length === 0}
        onClose={() => setModal(null)}
        onStale={onReload}
      />
    </Card>
  );
}
