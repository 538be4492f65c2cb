import { Button, Col, DatePicker, Dropdown, Form, Input, Row, Space } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Permission } from '@crm/contracts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { UserSelect } from '../../users/components/user-select.tsx';
import { auditExportUrl, type AuditFilters } from '../api/audit.queries.ts';

interface FormValues {
  userId?: string | null;
  action?: string;
  entityType?: string;
  entityId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilters(values: FormValues): AuditFilters {
  const text = (v?: string) => (v && v.trim() ? v.trim() : undefined);
  return {
    userId: values.userId ?? undefined,
    action: text(values.action),
    entityType: text(values.entityType),
    entityId: text(values.entityId),
    from: values.range?.[0]?.toISOString(),
    to: values.range?.[1]?.toISOString(),
  };
}

export function AuditFilterForm({ filters, onChange }: { filters: AuditFilters; onChange: (f: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const canExport = usePermission(Permission.auditExport);
  const canReadUsers = usePermission(Permission.userRead);

  return (
    <Form<FormValues> form={form} layout="vertical" onFinish={(v) => onChange(toFilters(v))} className="filter-form">
      <Row gutter={[12, 0]}>
        {canReadUsers ? (
          <Col xs={24} sm={12} lg={6} xl={5}>
            <Form.Item name="userId" label={t('audit.user')}>
              <UserSelect placeholder={t('audit.userPlaceholder')} />
            </Form.Item>
          </Col>
        ) : null}
        <Col xs={24} sm={12} lg={6} xl={4}>
          <Form.Item name="action" label={t('audit.action')}>
            <Input allowClear placeholder={t('audit.actionPlaceholder')} maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={12} lg={6} xl={3}>
          <Form.Item name="entityType" label={t('audit.entityType')}>
            <Input allowClear placeholder={t('audit.entityTypePlaceholder')} maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={12} lg={6} xl={4}>
          <Form.Item name="entityId" label={t('audit.entityId')}>
            <Input allowClear maxLength={64} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={24} lg={12} xl={8}>
          <Form.Item name="range" label={t('audit.range')}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowEmpty={[true, true]}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      </Row>
      <Space wrap>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
          {t('common.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
        >
          {t('common.reset')}
        </Button>
        {canExport ? (
          <Dropdown
            menu={{
              items: [
                {
                  key: 'xlsx',
                  label: (
                    <a href={auditExportUrl(filters, 'xlsx')} download data-testid="audit-export-xlsx">
                      {t('audit.exportXlsx')}
                    </a>
                  ),
                },
                {
                  key: 'csv',
                  label: (
                    <a href={auditExportUrl(filters, 'csv')} download data-testid="audit-export-csv">
                      {t('audit.exportCsv')}
                    </a>
                  ),
                },
              ],
            }}
          >
            <Button icon={<DownloadOutlined />} data-testid="audit-export">
              {t('audit.export')}
            </Button>
          </Dropdown>
        ) : null}
      </Space>
    </Form>
  );
}
