import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { AutoComplete, Flex, Input, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { CloudOutlined, LoadingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TCustomerType, TRegistryCompany, TRegistryMatch } from '@crm/contracts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { formatDate } from '../../../shared/utils/format.ts';
import { fetchRegistryCompany, isAdverseStatus, isRegistryOutage, useRegistrySearch } from './registry.queries.ts';

/** The form fields a registry pick fills (the customer form's own names). */
interface FillableFields {
  name?: string;
  creditCode?: string | null;
  province?: string | null;
  city?: string | null;
  address?: string | null;
  industry?: string | null;
  type?: TCustomerType;
}

interface Props {
  /** Set by Form.Item. */
  value?: string;
  onChange?: (value: string) => void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  form: FormInstance<any>;
  /** The company picked from the registry (its details), or null when the pick is undone or failed. */
  picked: TRegistryCompany | null;
  onPick: (company: TRegistryCompany | null) => void;
  maxLength?: number;
  placeholder?: string;
}

type Option = { value: string; key: string; label: React.ReactNode; match: TRegistryMatch };

function StatusTag({ status }: { status: string | null }) {
  if (!status) return null;
  return (
    <Tag color={isAdverseStatus(status) ? 'red' : 'green'} style={{ marginInlineEnd: 0 }}>
      {status}
    </Tag>
  );
}

/**
 * The customer-name field with business-registry (企查查) suggestions: typing two characters or more
 * lists registry matches; picking one fills the form from the registry. Without the registry the
 * field is a plain input and says so quietly.
 */
export function RegistryNameInput({ value, onChange, form, picked, onPick, maxLength, placeholder }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const text = value ?? '';
  const debounced = useDebouncedValue(text.trim(), 400);
  const justPicked = !!picked && picked.fields.name === text.trim();
  const search = useRegistrySearch(debounced, !justPicked);
  const [filling, setFilling] = useState(false);
  const [detailsFailed, setDetailsFailed] = useState(false);

  const options: Option[] = justPicked
    ? []
    : (search.data ?? []).map((m) => ({
        value: m.name,
        key: m.creditCode ?? m.name,
        match: m,
        label: (
          <div style={{ whiteSpace: 'normal', lineHeight: 1.45, paddingBlock: 2 }} data-testid="registry-option">
            <div style={{ wordBreak: 'break-word' }}>{m.name}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[m.creditCode, m.legalRepresentative, m.establishedDate].filter(Boolean).join(' · ')}
            </Typography.Text>{' '}
            {isAdverseStatus(m.status) ? <StatusTag status={m.status} /> : null}
          </div>
        ),
      }));

  const pick = async (match: TRegistryMatch) => {
    setFilling(true);
    setDetailsFailed(false);
    try {
      const company = await fetchRegistryCompany(queryClient, match.creditCode ?? match.name);
      const current = form.getFieldsValue(['industry', 'type']) as FillableFields;
      const fields: FillableFields = {
        name: company.fields.name,
        creditCode: company.fields.creditCode,
        province: company.fields.province,
        city: company.fields.city,
        address: company.fields.address,
        // What the user chose already stays.
        industry: current.industry || company.fields.industry,
        type: current.type ?? company.fields.type,
      };
      form.setFieldsValue(fields);
      void form.validateFields(['creditCode']).catch(() => undefined);
      onPick(company);
    } catch {
      setDetailsFailed(true);
      onPick(null);
    } finally {
      setFilling(false);
    }
  };

  const outage = (search.isError && isRegistryOutage(search.error)) || detailsFailed;
  const searching = !justPicked && debounced.length >= 2 && (search.isFetching || debounced !== text.trim());

  return (
    <>
      <AutoComplete<string, Option>
        value={text}
        options={options}
        onChange={(v) => onChange?.(v ?? '')}
        onSelect={(_v, option) => void pick(option.match)}
        showSearch={{ filterOption: false }}
        popupMatchSelectWidth
      >
        <Input
          maxLength={maxLength}
          placeholder={placeholder}
          data-testid="customer-name"
          suffix={filling || searching ? <LoadingOutlined style={{ color: 'rgba(0,0,0,0.35)' }} /> : <span />}
        />
      </AutoComplete>
      {justPicked && picked ? (
        <Flex gap={6} wrap align="center" style={{ marginTop: 6 }} data-testid="registry-picked">
          <Tag icon={<CloudOutlined />} color="blue" style={{ marginInlineEnd: 0 }}>
            {t('registry.filledFromRegistry')}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[
              picked.registry.legalRepresentative
                ? t('registry.legalRepresentativeShort', { name: picked.registry.legalRepresentative })
                : null,
              picked.registry.establishedDate
                ? t('registry.establishedShort', { date: formatDate(picked.registry.establishedDate) })
                : null,
              picked.registry.registeredCapital,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
          <StatusTag status={picked.registry.businessStatus} />
        </Flex>
      ) : outage ? (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 4 }} data-testid="registry-unavailable">
          {t('registry.unavailable')}
        </Typography.Text>
      ) : null}
    </>
  );
}
