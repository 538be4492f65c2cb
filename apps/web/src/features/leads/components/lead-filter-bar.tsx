import { useState } from 'react';
import { Badge, Button, Col, DatePicker, Input, Row, Select, Switch, Flex, Typography } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ZLeadStatusValues, type TLeadSort, type TLeadStatus } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { UserSelect } from '../../users/components/user-select.tsx';
import { useLeadSources, type LeadFilters } from '../api/leads.queries.ts';

interface Props {
  filters: LeadFilters;
  onChange: (filters: LeadFilters) => void;
  /** Managers and directors filter by owner; a rep sees only own leads anyway. */
  canFilterOwner: boolean;
}

const DATE = 'YYYY-MM-DD';
const none = <T,>(list: T[] | undefined) => (list && list.length > 0 ? list : undefined);

/** Desktops: "mine only" and the order, above the table. */
export function LeadListToolbar({ filters, onChange }: Pick<Props, 'filters' | 'onChange'>) {
  const { t } = useTranslation();
  const set = (patch: Partial<LeadFilters>) => onChange({ ...filters, ...patch });
  return (
    <Flex align="center" gap={16}>
      <Flex align="center" gap={8}>
        <Switch
          size="small"
          checked={!!filters.mine}
          onChange={(v) => set({ mine: v || undefined, ownerId: undefined })}
          data-testid="lead-mine"
        />
        <Typography.Text>{t('leads.filters.mine')}</Typography.Text>
      </Flex>
      <Select<TLeadSort>
        value={filters.sort}
        onChange={(v) => set({ sort: v })}
        aria-label={t('leads.sort.newest')}
        options={[
          { value: '-createdAt', label: t('leads.sort.newest') },
          { value: 'createdAt', label: t('leads.sort.oldest') },
          { value: '-updatedAt', label: t('leads.sort.updated') },
        ]}
        style={{ width: 140 }}
        data-testid="lead-sort"
      />
    </Flex>
  );
}

/** Search, status and source always; owner and creation dates behind "more filters" on phones. */
export function LeadFilterBar({ filters, onChange, canFilterOwner }: Props) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const sources = useLeadSources();
  const [q, setQ] = useState(filters.q ?? '');
  const [open, setOpen] = useState(false);
  const set = (patch: Partial<LeadFilters>) => onChange({ ...filters, ...patch });
  const moreCount = [filters.ownerId, filters.createdFrom, filters.source?.length ? 1 : undefined].filter(Boolean).length;
  const range: [Dayjs | null, Dayjs | null] | null =
    filters.createdFrom || filters.createdTo
      ? [filters.createdFrom ? dayjs(filters.createdFrom, DATE) : null, filters.createdTo ? dayjs(filters.createdTo, DATE) : null]
      : null;

  const search = (
    <Input.Search
      value={q}
      onChange={(e) => setQ(e.target.value)}
      onSearch={(value) => set({ q: value.trim() || undefined })}
      allowClear
      placeholder={t('leads.searchPlaceholder')}
      enterButton
      data-testid="lead-search"
    />
  );
  const status = (
    <Select<TLeadStatus[]>
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      value={filters.status ?? []}
      onChange={(v) => set({ status: none(v) })}
      placeholder={t('leads.filters.status')}
      aria-label={t('leads.filters.status')}
      options={ZLeadStatusValues.map((s) => ({ value: s, label: t(`leads.status.${s}`) }))}
      style={{ width: '100%' }}
      data-testid="lead-filter-status"
    />
  );
  const source = (
    <Select<string[]>
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      value={filters.source ?? []}
      onChange={(v) => set({ source: none(v) })}
      placeholder={t('leads.filters.source')}
      aria-label={t('leads.filters.source')}
      options={(sources.data ?? []).map((s) => ({ value: s.name, label: s.name }))}
      style={{ width: '100%' }}
      data-testid="lead-filter-source"
    />
  );
  const owner = canFilterOwner ? (
    <UserSelect
      value={filters.ownerId ?? null}
      onChange={(v) => set({ ownerId: v ?? undefined, mine: undefined })}
      placeholder={t('leads.filters.owner')}
      data-testid="lead-filter-owner"
    />
  ) : null;
  const created = (
    <DatePicker.RangePicker
      value={range}
      allowEmpty={[true, true]}
      onChange={(v) => set({ createdFrom: v?.[0]?.format(DATE), createdTo: v?.[1]?.format(DATE) })}
      placeholder={[t('leads.filters.createdFrom'), t('leads.filters.createdTo')]}
      style={{ width: '100%' }}
      inputReadOnly={isMobile}
      data-testid="lead-filter-created"
    />
  );
  const sort = (
    <Select<TLeadSort>
      value={filters.sort}
      onChange={(v) => set({ sort: v })}
      aria-label={t('leads.sort.newest')}
      options={[
        { value: '-createdAt', label: t('leads.sort.newest') },
        { value: 'createdAt', label: t('leads.sort.oldest') },
        { value: '-updatedAt', label: t('leads.sort.updated') },
      ]}
      style={{ width: '100%' }}
      data-testid="lead-sort"
    />
  );
  const mine = (
    <Flex align="center" gap={8} style={{ height: 32 }}>
      <Switch
        size="small"
        checked={!!filters.mine}
        onChange={(v) => set({ mine: v || undefined, ownerId: undefined })}
        data-testid="lead-mine"
      />
      <Typography.Text>{t('leads.filters.mine')}</Typography.Text>
    </Flex>
  );

  if (isMobile) {
    return (
      <Flex vertical gap={8}>
        {search}
        <Flex gap={8}>
          <div style={{ flex: 1, minWidth: 0 }}>{status}</div>
          <Badge count={moreCount} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setOpen(!open)} aria-expanded={open} data-testid="lead-more-filters">
              {t('leads.filters.more')}
            </Button>
          </Badge>
        </Flex>
        {open ? (
          <Flex vertical gap={8}>
            {source}
            {owner}
            {created}
            <Flex gap={8} align="center">
              <div style={{ flex: 1 }}>{sort}</div>
              {mine}
            </Flex>
          </Flex>
        ) : null}
      </Flex>
    );
  }
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={owner ? 8 : 10}>
        {search}
      </Col>
      <Col xs={12} lg={4}>
        {status}
      </Col>
      <Col xs={12} lg={4}>
        {source}
      </Col>
      {owner ? (
        <Col xs={12} lg={3}>
          {owner}
        </Col>
      ) : null}
      <Col xs={12} lg={owner ? 5 : 6}>
        {created}
      </Col>
    </Row>
  );
}
