import { useMemo, useState } from 'react';
import { Button, Card, Col, Flex, Row, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, MergeOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Permission } from '@crm/contracts';
import { detailQueryState } from '../../../shared/ui/detail-query-state.tsx';
import { useSession } from '../../auth/api/auth.queries.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { useCustomer } from '../api/customers.queries.ts';
import { ContactsPanel } from '../components/contacts-panel.tsx';
import { CustomerDescriptions } from '../components/customer-descriptions.tsx';
import { CustomerFormDrawer, type CustomerDrawerState } from '../components/customer-form-drawer.tsx';
import { CustomerGradeTag, CustomerStatusTag, CustomerTypeTag } from '../components/customer-tags.tsx';
import { RelatedRecords } from '../components/related-records.tsx';
import { CustomerRegistryTab } from '../registry/customer-registry-tab.tsx';
import { GradeActions } from '../grading/grade-actions.tsx';
import { OwnershipActions } from '../pool/ownership-actions.tsx';
import { StrategicTag } from '../grading/strategic-tag.tsx';
import { CustomerHistoryTab } from '../history/customer-history-tab.tsx';
import { ActivitiesTab } from '../activities/activities-tab.tsx';
import { MergeBanner } from '../merge/merge-banner.tsx';
import { MergeDialog } from '../merge/merge-dialog.tsx';
import { MergedNotice } from '../merge/merged-notice.tsx';

export function CustomerDetailPage() {
  const { id = '' } = useParams();
  // A new id (e.g. a link in the duplicate panel) is a new page: drawers and modals start closed.
  return <CustomerDetail key={id} id={id} />;
}

function CustomerDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const canUpdate = usePermission(Permission.customerUpdate);
  const session = useSession();
  const canGrade = usePermission(Permission.customerGrade);
  const canMerge = usePermission(Permission.customerMerge);
  const [merging, setMerging] = useState(false);
  const detail = useCustomer(id);
  const [editing, setEditing] = useState(false);
  const reload = () => void detail.refetch();
  const current = detail.data?.customer;
  // The drawer follows the cached record: a reload after a stale-version refusal refills the form.
  const drawer = useMemo<CustomerDrawerState>(() => (editing && current ? { mode: 'edit', customer: current } : null), [editing, current]);

  const back = (
    <Link to="/customers" className="back-link">
      <ArrowLeftOutlined /> {t('customers.backToList')}
    </Link>
  );

  const notReady = detailQueryState(detail, { back, onRetry: reload });
  if (notReady || !detail.data) return notReady;

  const { customer, contacts } = detail.data;
  // A pool customer seen by someone who would not see it otherwise: it can be claimed, not changed.
  const poolView = customer.ownerId === null && session.data?.dataScope === 'own';
  const mayChange = canUpdate && !poolView;
  if (customer.mergedIntoId) {
    return (
      <div className="page-container" data-testid="customer-detail">
        {back}
        <MergedNotice customer={customer} />
      </div>
    );
  }
  return (
    <div className="page-container" data-testid="customer-detail">
      {back}
      <MergeBanner customerId={customer.id} />
      <Card style={{ margin: '12px 0 16px' }}>
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <div style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Typography.Title level={4} style={{ margin: 0, wordBreak: 'break-word' }} data-testid="customer-title">
              {customer.name}
            </Typography.Title>
            {customer.shortName ? <Typography.Text type="secondary">{customer.shortName}</Typography.Text> : null}
            <Flex gap={6} wrap align="center" style={{ marginTop: 8 }}>
              <CustomerGradeTag
                grade={customer.grade}
                override={customer.gradeOverridden ? { ruleGrade: customer.ruleGrade, reason: customer.gradeOverrideReason } : null}
              />
              {customer.strategic ? <StrategicTag /> : null}
              <CustomerStatusTag status={customer.status} />
              <CustomerTypeTag type={customer.type} />
              <Typography.Text type="secondary" style={{ marginInlineStart: 4 }}>
                <UserOutlined /> {customer.ownerName ? t('duplicates.owner', { name: customer.ownerName }) : t('customers.noOwner')}
                {customer.departmentName ? ` · ${customer.departmentName}` : ''}
              </Typography.Text>
            </Flex>
          </div>
          <Flex gap={8} wrap>
            <OwnershipActions customer={customer} />
            {canGrade && !poolView ? <GradeActions customer={customer} /> : null}
            {canMerge && !poolView ? (
              <Button icon={<MergeOutlined />} onClick={() => setMerging(true)} data-testid="customer-merge">
                {t('merge.action')}
              </Button>
            ) : null}
            {mayChange ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="customer-edit">
                {t('common.edit')}
              </Button>
            ) : null}
          </Flex>
        </Flex>
      </Card>
      <Tabs
        className="customer-tabs"
        data-testid="customer-tabs"
        items={[
          {
            key: 'overview',
            label: t('customers.tabs.overview'),
            children: (
              <Row gutter={[16, 16]}>
                <Col xs={{ span: 24, order: 2 }} xl={{ span: 16, order: 1 }}>
                  <Card>
                    <CustomerDescriptions customer={customer} />
                  </Card>
                </Col>
                {/* Phones: the contacts (one tap to call) come first. */}
                <Col xs={{ span: 24, order: 1 }} xl={{ span: 8, order: 2 }}>
                  <ContactsPanel customerId={customer.id} contacts={contacts} canUpdate={mayChange} onReload={reload} />
                </Col>
              </Row>
            ),
          },
          {
            key: 'activities',
            label: t('activities.tab'),
            children: <ActivitiesTab customerId={customer.id} contacts={contacts} />,
          },
          {
            key: 'related',
            label: t('customers.tabs.related'),
            children: (
              <Card>
                <RelatedRecords customerId={customer.id} />
              </Card>
            ),
          },
          { key: 'history', label: t('grading.historyTab'), children: <CustomerHistoryTab customerId={customer.id} /> },
          { key: 'registry', label: t('registry.tab'), children: <CustomerRegistryTab customer={customer} canUpdate={mayChange} /> },
        ]}
      />
      <CustomerFormDrawer state={drawer} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} onStale={reload} />
      {canMerge ? <MergeDialog open={merging} survivor={customer} onClose={() => setMerging(false)} /> : null}
    </div>
  );
}
