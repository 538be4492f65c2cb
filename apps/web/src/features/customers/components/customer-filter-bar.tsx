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
        <Select<TCustomerType[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          style={{ width: '100%' }}
          placeholder={t('customers.allTypes')}
          value={filters.types ?? []}
          onChange={(types) => onChange({ ...filters, types: none(types) })}
          options={ZCustomerTypeValues.map((v) => ({ value: v, label: t(`customerType.${v}`) }))}
          aria-label={t('customers.type')}
          data-testid="customer-filter-type"
        />
      </Col>
      <Col xs={12} sm={8} lg={5} xl={3}>
        <Select<TCustomerGrade[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          style={{ width: '100%' }}
          placeholder={t('customers.allGrades')}
          value={filters.grades ?? []}
          onChange={(grades) => onChange({ ...filters, grades: none(grades) })}
          options={ZCustomerGradeValues.map((v) => ({ value: v, label: t('customers.gradeValue', { grade: v }) }))}
          aria-label={t('customers.grade')}
          data-testid="customer-filter-grade"
        />
      </Col>
      <Col xs={12} sm={8} lg={5} xl={4}>
        <Select<TCustomerStatus[]>
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          style={{ width: '100%' }}
          placeholder={t('customers.allStatus')}
          value={filters.statuses ?? []}
          onChange={(statuses) => onChange({ ...filters, statuses: none(statuses) })}
          options={ZCustomerStatusValues.map((v) => ({ value: v, label: t(`customerStatus.${v}`) }))}
          aria-label={t('customers.status')}
          data-testid="customer-filter-status"
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
