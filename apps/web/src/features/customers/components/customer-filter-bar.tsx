import { Button, Col, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  ZCustomerGradeValues,
  ZCustomerStatusValues,
  ZCustomerTypeValues,
  type TCustomerGrade,
  type TCustomerStatus,
  type TCustomerType,
} from '@crm/contracts';
import type { CustomerFilters } from '../api/customers.queries.ts';
import { provinceOptions } from './provinces.ts';

interface Props {
  filters: CustomerFilters;
  onChange: (filters: CustomerFilters) => void;
}

const none = <T,>(list: T[] | undefined) => (list && list.length > 0 ? list : undefined);

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

export function CustomerFilterBar({ filters, onChange }: Props) {
  const { t } = useTranslation();

  return (
    <Row gutter={[12, 12]} align="middle">
      <Col xs={24} md={24} lg={24} xl={8}>
        <Input.Search
          // Uncontrolled, re-created when the address bar's q changes (reset, back button).
          key={filters.q ?? ''}
          allowClear
          placeholder={t('customers.searchPlaceholder')}
          defaultValue={filters.q ?? ''}
          onSearch={(value) => onChange({ ...filters, q: value.trim() || undefined })}
          data-testid="customer-search"
        />
      </Col>
      <Col xs={12} sm={8} lg={6} xl={4}>
        <MultiFilter<TCustomerType>
          values={ZCustomerTypeValues}
          selected={filters.types}
          onChange={(types) => onChange({ ...filters, types })}
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
          onChange={(grades) => onChange({ ...filters, grades })}
          label={(v) => t('customers.gradeValue', { grade: v })}
          placeholder={t('customers.allGrades')}
          ariaLabel={t('customers.grade')}
          testId="customer-filter-grade"
        />
      </Col>
      <Col xs={12} sm={8} lg={5} xl={4}>
        <MultiFilter<TCustomerStatus>
          values={ZCustomerStatusValues}
          selected={filters.statuses}
          onChange={(statuses) => onChange({ ...filters, statuses })}
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
          onChange={(province?: string) => onChange({ ...filters, province: province || undefined })}
          options={provinceOptions}
          aria-label={t('customers.province')}
          data-testid="customer-filter-province"
        />
      </Col>
      <Col xs={12} sm={8} lg={4} xl={2}>
        <Button onClick={() => onChange({ sort: filters.sort })}>{t('common.reset')}</Button>
      </Col>
    </Row>
  );
}
