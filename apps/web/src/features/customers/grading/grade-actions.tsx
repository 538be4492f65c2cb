import { useState } from 'react';
import { App, Button, Dropdown, Form, Input, Modal, Radio, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { DownOutlined, TrophyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ZCustomerGradeValues, type TCustomer, type TCustomerGrade } from '@crm/contracts';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { requiredRule } from '../../../shared/utils/form-rules.ts';
import { useClearGradeOverride, useOverrideGrade, useSetStrategic } from './grading.queries.ts';

type Dialog = 'override' | 'strategic' | null;

interface Values {
  grade?: TCustomerGrade;
  reason: string;
}

const reasonRules = (t: (key: 'validation.minLength', params: { min: number }) => string) => [
  requiredRule(),
  { min: 2, transform: (v: string | undefined) => v?.trim(), message: t('validation.minLength', { min: 2 }) },
];

/**
 * The "Grade" action of the customer 360 page: override the grade with a reason, go back to the
 * rule's grade, or mark / unmark the customer as strategic (which the rule grades A).
 */
export function GradeActions({ customer }: { customer: TCustomer }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm<Values>();
  const override = useOverrideGrade();
  const clear = useClearGradeOverride();
  const strategic = useSetStrategic();
  const showError = useApiError();
  const customerId = customer.id;

  const open = (which: Exclude<Dialog, null>) => {
    form.resetFields();
    if (which === 'override') form.setFieldsValue({ grade: customer.grade });
    setDialog(which);
  };

  const confirmClear = () =>
    modal.confirm({
      title: t('grading.clearTitle'),
      content: t('grading.clearConfirm', { grade: customer.ruleGrade }),
      okText: t('grading.clear'),
      onOk: () =>
        clear
          .mutateAsync({ customerId })
          .then(() => void message.success(t('grading.cleared')))
          .catch((e: unknown) => showError(e)),
    });

  const items: MenuProps['items'] = [
    { key: 'override', label: t('grading.override'), onClick: () => open('override') },
    ...(customer.gradeOverridden ? [{ key: 'clear', label: t('grading.clear'), onClick: confirmClear }] : []),
    { type: 'divider' as const },
    {
      key: 'strategic',
      label: customer.strategic ? t('grading.unmarkStrategic') : t('grading.markStrategic'),
      onClick: () => open('strategic'),
    },
  ];

  const onFinish = (values: Values) => {
    const reason = values.reason.trim();
    const done = (text: string) => () => {
      void message.success(text);
      setDialog(null);
    };
    if (dialog === 'override') {
      override.mutate(
        { customerId, grade: values.grade!, reason },
        { onSuccess: done(t('grading.overridden')), onError: (e) => showError(e, { form }) },
      );
    } else {
      strategic.mutate(
        { customerId, strategic: !customer.strategic, reason },
        {
          onSuccess: done(customer.strategic ? t('grading.strategicUnmarked') : t('grading.strategicMarked')),
          onError: (e) => showError(e, { form }),
        },
      );
    }
  };

  const title =
    dialog === 'override' ? t('grading.overrideTitle') : customer.strategic ? t('grading.unmarkStrategic') : t('grading.markStrategic');
  return (
    <>
      <Dropdown menu={{ items }} trigger={['click']}>
        <Button icon={<TrophyOutlined />} data-testid="grade-actions">
          {t('grading.action')} <DownOutlined />
        </Button>
      </Dropdown>
      <Modal
        open={dialog !== null}
        title={title}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        confirmLoading={override.isPending || strategic.isPending}
        destroyOnHidden
        data-testid="grade-dialog"
      >
        <Typography.Paragraph type="secondary">
          {dialog === 'override'
            ? t('grading.overrideHint', { grade: customer.ruleGrade })
            : customer.strategic
              ? t('grading.unmarkStrategicHint')
              : t('grading.markStrategicHint')}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={onFinish} preserve={false}>
          {dialog === 'override' ? (
            <Form.Item name="grade" label={t('grading.newGrade')} rules={[requiredRule()]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={ZCustomerGradeValues.map((g) => ({ value: g, label: g }))}
                data-testid="grade-options"
              />
            </Form.Item>
          ) : null}
          <Form.Item name="reason" label={t('grading.reason')} rules={reasonRules(t)} extra={t('grading.reasonHint')}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('grading.reasonPlaceholder')} data-testid="grade-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
