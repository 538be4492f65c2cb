import { useEffect } from 'react';
import { Button, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { chineseCapitalAmount } from '@crm/contracts';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { formatDate, formatDecimal } from '../../../shared/utils/format.ts';
import { formatTaxRate } from '../../products/components/product-format.ts';
import { useQuote, useQuoteCompany } from '../api/quotes.queries.ts';
import './quote-print.css';

/** The printable quotation: company header, quote data, lines, totals in figures and in Chinese capitals, signatures. */
export function QuotePrintPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams<{ id: string }>();
  const [params] = useSearchParams();
  const versionParam = params.get('version');
  const quote = useQuote(id, versionParam && /^\d+$/.test(versionParam) ? Number(versionParam) : undefined);
  const company = useQuoteCompany();

  useEffect(() => {
    if (quote.data) document.title = `${quote.data.number} ${quote.data.customerName ?? ''}`;
  }, [quote.data]);

  if (quote.isError) return <QueryError error={quote.error} onRetry={() => void quote.refetch()} />;
  if (company.isError) return <QueryError error={company.error} onRetry={() => void company.refetch()} />;
  if (!quote.data || !company.data) return <Spin style={{ display: 'block', padding: 48 }} />;
  const q = quote.data;
  const c = company.data;
  const n = (v: string) => formatDecimal(v);
  const tt = q.totals;
  const hasDiscount = q.lines.some((l) => Number(l.discountPercent) > 0);

  return (
    <div className="quote-print-body">
      <div className="quote-print-toolbar">
        <Button onClick={() => void navigate(`/quotes/${encodeURIComponent(q.id)}`)}>{t('quotes.print.back')}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="quote-print-button">
          {t('quotes.print.printButton')}
        </Button>
      </div>
      <article className="quote-sheet" data-testid="quote-sheet">
        <header className="quote-sheet-company">
          <h1>{c.companyName}</h1>
          <div>
            {[
              c.companyAddress,
              c.companyPhone ? `${t('quotes.print.tel')} ${c.companyPhone}` : null,
              c.companyTaxId ? `${t('quotes.print.taxId')} ${c.companyTaxId}` : null,
            ]
              .filter(Boolean)
              .join('　')}
          </div>
        </header>
        <h2>{t('quotes.print.title')}</h2>
        <section className="quote-sheet-info">
          <div>
            <span>{t('quotes.print.customer')}</span>
            <span>{q.customerName}</span>
          </div>
          <div>
            <span>{t('quotes.print.number')}</span>
            <span>
              {q.number}（{t('quotes.versionNo', { no: q.versionNo })}）
            </span>
          </div>
          <div>
            <span>{t('quotes.print.opportunity')}</span>
            <span>{q.title}</span>
          </div>
          <div>
            <span>{t('quotes.print.date')}</span>
            <span>{formatDate(q.submittedAt ?? q.createdAt)}</span>
          </div>
          <div>
            <span>{t('quotes.print.preparedBy')}</span>
            <span>{[q.ownerName, q.departmentName].filter(Boolean).join(' / ')}</span>
          </div>
          <div>
            <span>{t('quotes.print.validUntil')}</span>
            <span>{q.validUntil}</span>
          </div>
        </section>
        <div className="quote-sheet-scroll">
          <table>
            <thead>
              <tr>
                <th>{t('quotes.lines.position')}</th>
                <th>{t('quotes.lines.materialCode')}</th>
                <th>{t('quotes.lines.name')}</th>
                <th>{t('quotes.lines.spec')}</th>
                <th>{t('quotes.lines.unit')}</th>
                <th>{t('quotes.lines.qty')}</th>
                <th>{t('quotes.lines.unitPrice')}</th>
                {hasDiscount ? <th>{t('quotes.lines.discount')}</th> : null}
                {hasDiscount ? <th>{t('quotes.lines.netUnitPrice')}</th> : null}
                <th>{t('quotes.lines.taxRate')}</th>
                <th>{t('quotes.lines.amountInclTax')}</th>
              </tr>
            </thead>
            <tbody>
              {q.lines.map((l) => (
                <tr key={l.id ?? l.position} data-testid="quote-print-line">
                  <td className="num">{l.position}</td>
                  <td>{l.materialCode ?? ''}</td>
                  <td>{l.name}</td>
                  <td>{l.spec ?? ''}</td>
                  <td>{l.unit ?? ''}</td>
                  <td className="num">{n(l.qty)}</td>
                  <td className="num">{n(l.unitPrice)}</td>
                  {hasDiscount ? <td className="num">{Number(l.discountPercent) > 0 ? `${l.discountPercent}%` : ''}</td> : null}
                  {hasDiscount ? <td className="num">{n(l.netUnitPrice)}</td> : null}
                  <td className="num">{formatTaxRate(l.taxRate)}</td>
                  <td className="num">{n(l.amountInclTax)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {Number(tt.overallDiscountPercent) > 0 ? (
                <>
                  <tr>
                    <td colSpan={hasDiscount ? 10 : 8} className="num">
                      {t('quotes.totals.subtotal')}
                    </td>
                    <td className="num">{n(tt.subtotal)}</td>
                  </tr>
                  <tr>
                    <td colSpan={hasDiscount ? 10 : 8} className="num">
                      {t('quotes.totals.overallDiscountAmount')} ({tt.overallDiscountPercent}%)
                    </td>
                    <td className="num">-{n(tt.overallDiscountAmount)}</td>
                  </tr>
                </>
              ) : null}
              <tr>
                <td colSpan={hasDiscount ? 10 : 8} className="num">
                  {t('quotes.totals.totalExclTax')} {n(tt.totalExclTax)}
                  {'\u3000'}
                  {t('quotes.totals.totalTax')} {n(tt.totalTax)}
                  {'\u3000'}
                  {t('quotes.totals.totalInclTax')}
                </td>
                <td className="num" data-testid="quote-print-total">
                  {n(tt.totalInclTax)}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
        <div className="quote-sheet-words" data-testid="quote-print-words">
          {q.currency === 'CNY' ? t('quotes.print.totalInWords') : t('quotes.print.totalInWordsOther', { currency: q.currency })}：
          {chineseCapitalAmount(tt.totalInclTax)}
        </div>
        <div style={{ fontSize: 11, color: '#555' }}>{t('quotes.print.taxNote', { currency: q.currency })}</div>
        <section className="quote-sheet-terms">
          {(
            [
              ['paymentTerms', q.paymentTerms],
              ['deliveryTerms', q.deliveryTerms],
              ['notes', q.notes],
            ] as const
          )
            .filter(([, text]) => !!text)
            .map(([key, text]) => (
              <p key={key}>
                <strong>{t(`quotes.${key}`)}：</strong>
                {text}
              </p>
            ))}
        </section>
        <footer className="quote-sheet-sign">
          <div>{t('quotes.print.signatureSeller')}</div>
          <div>{t('quotes.print.signatureBuyer')}</div>
        </footer>
      </article>
    </div>
  );
}
