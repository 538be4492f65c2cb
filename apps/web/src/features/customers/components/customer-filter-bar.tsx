import { useState, type ReactNode } from 'react';
import { AutoComplete, Badge, Button, Col, DatePicker, Input, Row, Select } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  Permission,
  ZCustomerGradeValues,
  ZCustomerStatusValues,
  ZCustomerTypeValues,
  type TCustomerGrade,
  type TCustomerStatus,
  type TCustomerType,
} from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { DepartmentTreeSelect } from '../../departments/components/department-tree-select.tsx';
import type { CustomerListFilters } from '../api/customer-list.queries.ts';
import { countFilters } from './customer-filters.ts';
import { CustomerOwnerSelect } from './customer-owner-select.tsx';
import { provinceOptions } from './provinces.ts';

interface Props {
  filters: CustomerListFilters;
  onChange: (filters: CustomerListFilters) => void;
  /** Values seen in the loaded rows, offered as suggestions (tags, industries, cities). */
  suggestions: { tags: string[]; industries: string[]; cities: string[] };
}

/** The filters behind "more filters"; the badge counts those that are set (a date range counts once). */
const PANEL_GROUPS: readonly (readonly (keyof CustomerListFilters)[])[] = [
  ['ownerIds'],
  ['departmentId'],
  ['industry'],
  ['city'],
  ['tags'],
  ['inPool'],
  ['lastActivityAfter', 'lastActivityBefore'],
  ['createdFrom', 'createdTo'],
];

const none = <T,>(list: T[] | undefined) => (list && list.length > 0 ? list : undefined);
const DATE = 'YYYY-MM-DD';
const toDay = (d: Dayjs | null | undefined) => (d ? d.format(DATE) : undefined);
const fromDay = (s: string | undefined) => (s ? dayjs(s, DATE) : null);

/** A multiple-choice filter over the values of an enum; an empty choice means no filter. */
function MultiFilter<T extends string>(props: {
  values: readonly T[];
  selected: T[] | undefined;
  onChange: (selected: T[] | undefined) => void;
  label: (value: T) => string;
  placeholder: string;
  ariaLabel: string;
  testId: string;
}) {
  return (
    <Select<T[]>
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      style={{ width: '100%' }}
      placeholder={props.placeholder}
      value={props.selected ?? []}
      onChange={(selected) => props.onChange(none(selected))}
      options={props.values.map((v) => ({ value: v, label: props.label(v) }))}
      aria-label={props.ariaLabel}
      data-testid={props.testId}
    />
  );
}

/** A labelled field of the "more filters" panel. */
function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="group" aria-label={label}>
      <div style={{ color: 'rgba(0, 0, 0, 0.55)', fontSize: 12, marginBottom: 4 }}>{label}</div>
      {children}
    </div>
  );
}

const options = (values: string[]) => values.map((v) => ({ value: v, label: v }));

export function CustomerFilterBar({ filters, onChange, suggestions }: Props) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const canListUsers = usePermission(Permission.userRead);
  const canListDepartments = usePermission(Permission.departmentRead);
  const panelCount = PANEL_GROUPS.filter((keys) => countFilters(filters, keys) > 0).length;
  const [expanded, setExpanded] = useState(panelCount > 0);
  const set = (patch: Partial<CustomerListFilters>) => onChange({ ...filters, ...patch });

  return (
    <div data-testid="customer-filter-bar">
      <Row gutter={[12, 12]} align="middle">
        <Col xs={24} md={24} lg={24} xl={6}>
          <Input.Search
            // Uncontrolled, re-created when the address bar's q changes (reset, back button, a view).
            key={filters.q ?? ''}
            allowClear
            placeholder={t('customers.searchPlaceholder')}
            defaultValue={filters.q ?? ''}
            onSearch={(value) => set({ q: value.trim() || undefined })}
            data-testid="customer-search"
          />
        </Col>
        <Col xs={12} sm={8} lg={6} xl={4}>
          <MultiFilter<TCustomerType>
            values={ZCustomerTypeValues}
            selected={filters.types}
            onChange={(types) => set({ types })}
            label={(v) => t(`customerType.${v}`)}
            placeholder={t('customers.allTypes')}
            ariaLabel={t('customers.type')}
            testId="customer-filter-type"
          />
        </Col>
        <Col xs={12} sm={8} lg={5} xl={3}>
          <MultiFilter<TCustomerGrade>
            values={ZCustomerGradeValues}
            selected={filters.grades}
            onChange={(grades) => set({ grades })}
            label={(v) => t('customers.gradeValue', { grade: v })}
            placeholder={t('customers.allGrades')}
            ariaLabel={t('customers.grade')}
            testId="customer-filter-grade"
          />
        </Col>
        <Col xs={12} sm={8} lg={5} xl={3}>
          <MultiFilter<TCustomerStatus>
            values={ZCustomerStatusValues}
            selected={filters.statuses}
            onChange={(statuses) => set({ statuses })}
            label={(v) => t(`customerStatus.${v}`)}
            placeholder={t('customers.allStatus')}
            ariaLabel={t('customers.status')}
            testId="customer-filter-status"
          />
        </Col>
        <Col xs={12} sm={8} lg={4} xl={3}>
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: '100%' }}
            placeholder={t('customers.allProvinces')}
            value={filters.province}
            onChange={(province?: string) => set({ province: province || undefined })}
            options={provinceOptions}
            aria-label={t('customers.province')}
            data-testid="customer-filter-province"
          />
        </Col>
        <Col xs={24} sm={16} lg={8} xl={5} style={{ display: 'flex', gap: 8, justifyContent: isMobile ? 'space-between' : 'flex-start' }}>
          <Badge count={panelCount} size="small" offset={[-4, 2]}>
            <Button
              icon={<FilterOutlined />}
              type={expanded ? 'primary' : 'default'}
              ghost={expanded}
              onClick={() => setExpanded(!expanded)}
              aria-expanded={expanded}
              data-testid="customer-filter-more"
            >
              {t('customers.list.moreFilters')}
            </Button>
          </Badge>
          <Button onClick={() => onChange({})} data-testid="customer-filter-reset">
            {t('common.reset')}
          </Button>
        </Col>
      </Row>
      {expanded ? (
        <Row
          gutter={[12, 12]}
          style={{ marginTop: 12, paddingTop: 12, borderTop: '1px dashed rgba(5, 5, 5, 0.1)' }}
          data-testid="customer-filter-panel"
        >
          {canListUsers ? (
            <Col xs={24} sm={12} lg={8} xl={6}>
              <Field label={t('customers.owner')}>
                <CustomerOwnerSelect
                  value={filters.ownerIds}
                  onChange={(ownerIds) => set({ ownerIds })}
                  placeholder={t('customers.list.anyOwner')}
                  ariaLabel={t('customers.owner')}
                />
              </Field>
            </Col>
          ) : null}
          {canListDepartments ? (
            <Col xs={24} sm={12} lg={8} xl={6}>
              <Field label={t('customers.list.departmentSubtree')}>
                <DepartmentTreeSelect
                  value={filters.departmentId}
                  onChange={(departmentId) => set({ departmentId })}
                  placeholder={t('customers.list.anyDepartment')}
                  allowClear
                  data-testid="customer-filter-department"
                />
              </Field>
            </Col>
          ) : null}
          <Col xs={24} sm={12} lg={8} xl={6}>
            <Field label={t('customers.tags')}>
              <Select<string[]>
                mode="tags"
                allowClear
                maxTagCount="responsive"
                style={{ width: '100%' }}
                placeholder={t('customers.list.anyTag')}
                value={filters.tags ?? []}
                onChange={(tags) => set({ tags: none(tags.map((x) => x.trim()).filter(Boolean)) })}
                options={options(suggestions.tags)}
                aria-label={t('customers.tags')}
                data-testid="customer-filter-tags"
              />
            </Field>
          </Col>
          <Col xs={12} sm={12} lg={8} xl={6}>
            <Field label={t('customers.list.inPool')}>
              <Select<'yes' | 'no'>
                allowClear
                style={{ width: '100%' }}
                placeholder={t('common.all')}
                value={filters.inPool === undefined ? undefined : filters.inPool ? 'yes' : 'no'}
                onChange={(v) => set({ inPool: v === undefined ? undefined : v === 'yes' })}
                options={[
                  { value: 'yes', label: t('customers.list.inPoolYes') },
                  { value: 'no', label: t('customers.list.inPoolNo') },
                ]}
                aria-label={t('customers.list.inPool')}
                data-testid="customer-filter-pool"
              />
            </Field>
          </Col>
          <Col xs={12} sm={12} lg={8} xl={6}>
            <Field label={t('customers.industry')}>
              <AutoComplete
                allowClear
                style={{ width: '100%' }}
                placeholder={t('customers.list.anyIndustry')}
                defaultValue={filters.industry}
                key={`industry-${filters.industry ?? ''}`}
                options={options(suggestions.industries)}
                onSelect={(industry: string) => set({ industry })}
                onBlur={(e) => set({ industry: (e.target as HTMLInputElement).value.trim() || undefined })}
                onClear={() => set({ industry: undefined })}
                aria-label={t('customers.industry')}
                data-testid="customer-filter-industry"
              />
            </Field>
          </Col>
          <Col xs={12} sm={12} lg={8} xl={6}>
            <Field label={t('customers.city')}>
              <AutoComplete
                allowClear
                style={{ width: '100%' }}
                placeholder={t('customers.list.anyCity')}
                defaultValue={filters.city}
                key={`city-${filters.city ?? ''}`}
                options={options(suggestions.cities)}
                onSelect={(city: string) => set({ city })}
                onBlur={(e) => set({ city: (e.target as HTMLInputElement).value.trim() || undefined })}
                onClear={() => set({ city: undefined })}
                aria-label={t('customers.city')}
                data-testid="customer-filter-city"
              />
            </Field>
          </Col>
          <Col xs={24} sm={12} lg={8} xl={6}>
            <Field label={t('customers.lastActivity')}>
              <DatePicker.RangePicker
                allowEmpty={[true, true]}
                style={{ width: '100%' }}
                value={[fromDay(filters.lastActivityAfter), fromDay(filters.lastActivityBefore)?.subtract(1, 'day') ?? null]}
                placeholder={[t('customers.list.from'), t('customers.list.to')]}
                // "To" includes its day: the API's "before" is the day after.
                onChange={(range) => set({ lastActivityAfter: toDay(range?.[0]), lastActivityBefore: toDay(range?.[1]?.add(1, 'day')) })}
                data-testid="customer-filter-activity"
              />
            </Field>
          </Col>
          <Col xs={24} sm={12} lg={8} xl={6}>
            <Field label={t('customers.list.createdBetween')}>
              <DatePicker.RangePicker
                allowEmpty={[true, true]}
                style={{ width: '100%' }}
                value={[fromDay(filters.createdFrom), fromDay(filters.createdTo)]}
                placeholder={[t('customers.list.from'), t('customers.list.to')]}
                onChange={(range) => set({ createdFrom: toDay(range?.[0]), createdTo: toDay(range?.[1]) })}
                data-testid="customer-filter-created"
              />
            </Field>
          </Col>
        </Row>
      ) : null}
    </div>
  );
}
