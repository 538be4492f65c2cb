import { Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONTRACT_TEMPLATE_FIELDS, CONTRACT_TEMPLATE_LINE_FIELDS, CONTRACT_TEMPLATE_PAYMENT_FIELDS } from '@crm/contracts';

const EXAMPLES: Record<string, string> = {
  number: 'HT202611-00012',
  title: '2027 年度智能电表采购合同',
  contractType: '标准合同',
  customerName: '国网江苏省电力有限公司',
  ownerName: '黄磊',
  signedDate: '2026-11-05',
  generatedDate: '2026-11-02',
  currency: 'CNY',
  amountInclTax: '123,456.78',
  amountInclTaxWords: '人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分',
  amountExclTax: '109,253.79',
  taxAmount: '14,202.99',
  warrantyMonths: '24',
  deliveryPlace: '南京市江宁区仓库',
  deliveryDate: '2027-01-15',
  incoterm: 'FOB',
  penaltyCap: '5%',
  penaltyRatePerDay: '0.1%',
  paymentTermsText: '1. 预付款：合同签订后 10 日内，买方支付合同总额的 30%，计人民币 37,037.03 元。',
  'lines.position': '1',
  'lines.materialCode': 'DDZY-01',
  'lines.name': '单相智能电能表',
  'lines.spec': 'DDZY-2026 5(60)A',
  'lines.unit': '只',
  'lines.qty': '100',
  'lines.unitPrice': '1,234.5678',
  'lines.taxRate': '13%',
  'lines.amountInclTax': '123,456.78',
  'lines.wantedDeliveryDate': '2027-01-15',
  'paymentTerms.no': '1',
  'paymentTerms.label': '预付款',
  'paymentTerms.percent': '30%',
  'paymentTerms.days': '10',
  'paymentTerms.amount': '37,037.03',
  'paymentTerms.sentence': '预付款：合同签订后 10 日内，买方支付合同总额的 30%，计人民币 37,037.03 元。',
};

type Row = { key: string; placeholder: string; meaning: string; example: string };

/** The placeholders a contract template may use, grouped as they are filled, with examples. */
export function PlaceholdersReference() {
  const { t } = useTranslation();
  const group = (title: string, rows: Row[]) => (
    <div key={title} style={{ marginBottom: 12 }}>
      <Typography.Text strong>{title}</Typography.Text>
      <Table<Row>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        style={{ marginTop: 6 }}
        columns={[
          {
            title: t('contractDocuments.placeholders.name'),
            dataIndex: 'placeholder',
            width: '50%',
            render: (v: string) => (
              <Typography.Text code copyable>
                {v}
              </Typography.Text>
            ),
          },
          { title: t('contractDocuments.placeholders.meaning'), dataIndex: 'meaning' },
          {
            title: t('contractDocuments.placeholders.example'),
            dataIndex: 'example',
            // Phones show the placeholder and its meaning; the examples from the tablet width on.
            responsive: ['md'],
            render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text>,
          },
        ]}
      />
    </div>
  );
  return (
    <Card size="small" title={t('contractDocuments.placeholders.title')} data-testid="contract-template-placeholders">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('contractDocuments.placeholders.intro')}
      </Typography.Paragraph>
      {group(
        t('contractDocuments.placeholders.fields'),
        CONTRACT_TEMPLATE_FIELDS.map((f) => ({
          key: f,
          placeholder: `{${f}}`,
          meaning: t(`contractDocuments.placeholders.f.${f}`),
          example: EXAMPLES[f] ?? '',
        })),
      )}
      {group(
        t('contractDocuments.placeholders.lines'),
        CONTRACT_TEMPLATE_LINE_FIELDS.map((f) => ({
          key: `lines.${f}`,
          placeholder: `{${f}}`,
          meaning: t(`contractDocuments.placeholders.l.${f}`),
          example: EXAMPLES[`lines.${f}`] ?? '',
        })),
      )}
      {group(
        t('contractDocuments.placeholders.payments'),
        CONTRACT_TEMPLATE_PAYMENT_FIELDS.map((f) => ({
          key: `paymentTerms.${f}`,
          placeholder: `{${f}}`,
          meaning: t(`contractDocuments.placeholders.p.${f}`),
          example: EXAMPLES[`paymentTerms.${f}`] ?? '',
        })),
      )}
    </Card>
  );
}
