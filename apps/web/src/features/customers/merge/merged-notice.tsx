import { Button, Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TCustomer } from '@crm/contracts';

/** The page of a customer that was merged away: it points to the survivor. */
export function MergedNotice({ customer }: { customer: TCustomer }) {
  const { t } = useTranslation();
  return (
    <Card style={{ marginTop: 12 }} data-testid="merged-notice">
      <Result
        status="info"
        title={t('merge.mergedInto')}
        subTitle={`${customer.name} · ${t('merge.mergedIntoDetail')}`}
        extra={
          customer.mergedIntoId ? (
            <Link to={`/customers/${customer.mergedIntoId}`}>
              <Button type="primary" data-testid="merged-go-survivor">
                {t('merge.goToSurvivor')}
              </Button>
            </Link>
          ) : null
        }
      />
    </Card>
  );
}
