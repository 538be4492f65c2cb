import { Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TContract, TContractDiffEntry } from '@crm/contracts';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { formatDateTime } from '../../../shared/utils/format.ts';
import { useContractDiff } from '../api/contracts.queries.ts';
import { formatMoney } from './contract-format.ts';
import { ContractVersionStatusTag } from './contract-tags.tsx';

const KIND_COLORS: Record<TContractDiffEntry['kind'], string> = {
  line_added: 'green',
  line_removed: 'red',
  line_changed: 'blue',
  terms_changed: 'purple',
  field_changed: 'cyan',
};

/** The open amendment against the effective version: one readable entry per change, before → after. */
function AmendmentDiff({ contract }: { contract: TContract }) {
  const { t } = useTranslation();
  const diff = useContractDiff(contract.id, true);
  if (diff.isError) return <QueryError error={diff.error} onRetry={() => void diff.refetch()} />;
  if (!diff.data) return <Spin style={{ display: 'block', padding: 16 }} />;
  const d = diff.data;
  return (
    <Flex vertical gap={8} data-testid="contract-diff">
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{t('contracts.versions.diffTitle', { from: d.fromVersionNo, to: d.toVersionNo })}</Typography.Text>
        <Typography.Text className="tabular" data-testid="contract-diff-amount">
          {formatMoney(d.amountBefore, contract.currency)} <ArrowRightOutlined /> {formatMoney(d.amountAfter, contract.currency)}
        </Typography.Text>
      </Flex>
      {d.entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contracts.versions.noChanges')} />
      ) : (
        <div className="contract-diff-list">
          {d.entries.map((e, i) => (
            <div key={i} className="contract-diff-entry" data-testid="contract-diff-entry" data-kind={e.kind}>
              <Flex gap={8} align="center" wrap>
                <Tag color={KIND_COLORS[e.kind]} style={{ marginInlineEnd: 0 }}>
                  {t(`contracts.versions.diffKind.${e.kind}`)}
                </Tag>
                <Typography.Text strong>{e.subject}</Typography.Text>
              </Flex>
              <Typography.Text style={{ display: 'block' }}>{e.message}</Typography.Text>
              {/* The before → after line only when the sentence does not already say both. */}
              {(e.before !== null || e.after !== null) &&
              !(e.before && e.after && e.message.includes(e.before) && e.message.includes(e.after)) ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <span className="diff-before">{e.before ?? '—'}</span> <ArrowRightOutlined />{' '}
                  <span className="diff-after">{e.after ?? '—'}</span>
                </Typography.Text>
              ) : null}
            </div>
          ))}
        </div>
      )}
    </Flex>
  );
}

/** 变更记录: the versions (original and amendments), each openable read only, and the open amendment's changes. */
export function ContractVersions({ contract, viewingVersionId }: { contract: TContract; viewingVersionId?: string }) {
  const { t } = useTranslation();
  const openAmendment =
    contract.versionKind === 'amendment' && (contract.versionStatus === 'draft' || contract.versionStatus === 'in_review');
  const shownId = viewingVersionId ?? contract.versionId;
  const versions = [...contract.versions].sort((a, b) => b.versionNo - a.versionNo);
  return (
    <Flex vertical gap={16}>
      {openAmendment && !viewingVersionId ? (
        <Card
          size="small"
          title={t('contracts.versions.amendment')}
          extra={contract.amendmentReason ? <Typography.Text type="secondary">{contract.amendmentReason}</Typography.Text> : null}
        >
          <AmendmentDiff contract={contract} />
        </Card>
      ) : null}
      <div className="contract-versions" data-testid="contract-versions">
        {versions.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contracts.versions.empty')} /> : null}
        {versions.map((v) => {
          const shown = v.id === shownId;
          const working = v.id === contract.versionId;
          const label = (
            <Typography.Text strong={shown}>
              {t('contracts.versions.versionNo', { no: v.versionNo })} · {t(`contracts.versions.kind.${v.kind}`)}
            </Typography.Text>
          );
          return (
            <div key={v.id} className={shown ? 'contract-version is-shown' : 'contract-version'} data-testid="contract-version">
              <Flex justify="space-between" align="center" gap={8} wrap>
                {shown ? (
                  label
                ) : (
                  <Link
                    to={
                      working
                        ? `/contracts/${encodeURIComponent(contract.id)}?tab=versions`
                        : `/contracts/${encodeURIComponent(contract.id)}?versionId=${encodeURIComponent(v.id)}&tab=versions`
                    }
                  >
                    {label}
                  </Link>
                )}
                <ContractVersionStatusTag status={v.status} />
              </Flex>
              {v.reason ? <Typography.Text style={{ display: 'block', fontSize: 12 }}>{v.reason}</Typography.Text> : null}
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(v.createdAt)}
                  {v.createdByName ? ` · ${v.createdByName}` : ''}
                  {v.effectiveAt ? ` · ${t('contracts.versions.effectiveAt', { at: formatDateTime(v.effectiveAt) })}` : ''}
                </Typography.Text>
                <Typography.Text className="tabular" style={{ fontSize: 12 }}>
                  {formatMoney(v.amountInclTax, contract.currency)}
                </Typography.Text>
              </Flex>
            </div>
          );
        })}
      </div>
    </Flex>
  );
}
