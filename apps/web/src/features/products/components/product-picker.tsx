import { useMemo, useState } from 'react';
import { Select, Typography } from 'antd';
import type { TProduct } from '@crm/contracts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useProductSearch } from '../api/products.queries.ts';

interface Props {
  value: TProduct[];
  /** The chosen ids and their products, in the order chosen. */
  onChange: (ids: string[], products: TProduct[]) => void;
  placeholder?: string;
  /** Products already chosen elsewhere, left out of the options. */
  exclude?: ReadonlySet<string>;
  includeDiscontinued?: boolean;
  'data-testid'?: string;
}

const labelOf = (p: TProduct) => `${p.materialCode} ${p.name}`;

/** Searches the catalogue by code, name or model and picks several products. */
export function ProductPicker({ value, onChange, placeholder, exclude, includeDiscontinued, ...rest }: Props) {
  const isMobile = useIsMobile();
  const [q, setQ] = useState('');
  const search = useProductSearch(useDebouncedValue(q, 250), includeDiscontinued);
  const found = useMemo(() => (search.data?.items ?? []).filter((p) => !exclude?.has(p.id)), [search.data, exclude]);
  // The chosen products keep their labels whatever the current search shows.
  const options = useMemo(() => {
    const shown = new Map<string, TProduct>();
    for (const p of [...found, ...value]) shown.set(p.id, p);
    return [...shown.values()].map((p) => ({ value: p.id, label: labelOf(p), title: `${labelOf(p)} ${p.model ?? ''}`, product: p }));
  }, [found, value]);
  return (
    <Select<string[]>
      mode="multiple"
      value={value.map((p) => p.id)}
      placeholder={placeholder}
      filterOption={false}
      showSearch={{ onSearch: setQ, searchValue: q }}
      onChange={(ids) => {
        // A pick starts the next search afresh.
        setQ('');
        const byId = new Map(options.map((o) => [o.value, o.product]));
        const products = ids.map((id) => byId.get(id)).filter((p): p is TProduct => !!p);
        onChange(
          products.map((p) => p.id),
          products,
        );
      }}
      loading={search.isFetching}
      options={options}
      optionRender={(option) => {
        const p = (option.data as { product?: TProduct }).product;
        if (!p) return option.label;
        return (
          <div style={{ whiteSpace: 'normal', lineHeight: 1.4 }}>
            <div>
              {p.materialCode} · {p.name}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.model ?? ''}
            </Typography.Text>
          </div>
        );
      }}
      // Phones wrap the chosen products (shortened) instead of folding them all into "+N".
      maxTagCount={isMobile ? undefined : 'responsive'}
      maxTagTextLength={isMobile ? 18 : undefined}
      style={{ width: '100%' }}
      {...rest}
    />
  );
}
