import { useState } from 'react';
import { Button, Checkbox, Flex, Popover, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DEFAULT_CUSTOMER_COLUMNS, ZCustomerColumnValues, type TCustomerColumn } from '@crm/contracts';
import { useCustomerColumnDefs } from './customer-columns.tsx';

interface Props {
  columns: readonly TCustomerColumn[];
  onChange: (columns: TCustomerColumn[]) => void;
}

const rowStyle = { padding: '2px 4px', minHeight: 32 };

/** Visible columns in their order, then the hidden ones in their default order. */
function fullOrder(columns: readonly TCustomerColumn[]): TCustomerColumn[] {
  return [...columns, ...ZCustomerColumnValues.filter((c) => !columns.includes(c))];
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

/**
 * Shows and hides columns and changes their order. The list keeps its order while it is open (a
 * hidden column stays where it was, so nothing jumps under the pointer); the arrows move a column
 * among all of them. The name stays first and cannot be hidden.
 */
export function CustomerColumnChooser({ columns, onChange }: Props) {
  const { t } = useTranslation();
  const defs = useCustomerColumnDefs();
  const [open, setOpen] = useState(false);
  const [order, setOrder] = useState<TCustomerColumn[]>(() => fullOrder(columns));
  const visible = new Set(columns);

  const emit = (nextOrder: TCustomerColumn[], nextVisible: ReadonlySet<TCustomerColumn>) => {
    setOrder(nextOrder);
    onChange(nextOrder.filter((c) => nextVisible.has(c)));
  };
  const toggle = (key: TCustomerColumn, show: boolean) => {
    const next = new Set(visible);
    if (show) next.add(key);
    else next.delete(key);
    emit(order, next);
  };
  const reset = () => {
    setOrder(fullOrder(DEFAULT_CUSTOMER_COLUMNS));
    onChange([...DEFAULT_CUSTOMER_COLUMNS]);
  };

  const content = (
    <div style={{ width: 280 }} data-testid="column-chooser">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('customers.list.columnsHint', { count: columns.length })}</Typography.Text>
        <Button size="small" type="link" onClick={reset} data-testid="columns-reset">
          {t('common.reset')}
        </Button>
      </Flex>
      <div style={{ maxHeight: 'min(400px, 60vh)', overflowY: 'auto', marginInline: -4 }}>
        {order.map((key, i) => (
          <Flex key={key} align="center" justify="space-between" style={rowStyle} data-testid={`column-${key}`}>
            <Checkbox checked={visible.has(key)} disabled={key === 'name'} onChange={(e) => toggle(key, e.target.checked)}>
              {visible.has(key) ? defs[key].title : <Typography.Text type="secondary">{defs[key].title}</Typography.Text>}
            </Checkbox>
            {key === 'name' ? null : (
              <span style={{ whiteSpace: 'nowrap' }}>
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowUpOutlined />}
                  disabled={i <= 1}
                  onClick={() => emit(move(order, i, i - 1), visible)}
                  aria-label={t('customers.list.moveUp', { column: defs[key].title })}
                />
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowDownOutlined />}
                  disabled={i === order.length - 1}
                  onClick={() => emit(move(order, i, i + 1), visible)}
                  aria-label={t('customers.list.moveDown', { column: defs[key].title })}
                />
              </span>
            )}
          </Flex>
        ))}
      </div>
    </div>
  );

  return (
    <Popover
      content={content}
      title={t('customers.list.columns')}
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(next) => {
        // Each opening starts from the columns as they are now (another view may have been chosen).
        if (next) setOrder(fullOrder(columns));
        setOpen(next);
      }}
    >
      <Tooltip title={open ? undefined : t('customers.list.columns')}>
        <Button icon={<SettingOutlined />} data-testid="columns-button" aria-label={t('customers.list.columns')} />
      </Tooltip>
    </Popover>
  );
}
