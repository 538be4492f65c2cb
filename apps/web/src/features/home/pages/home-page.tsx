import { Col, Row } from 'antd';
import { useCurrentUser } from '../../auth/api/auth.queries.ts';
import { GreetingCard } from '../components/greeting-card.tsx';
import { homeWidgets } from '../widgets/widget-registry.ts';

export function HomePage() {
  const me = useCurrentUser();
  const visible = homeWidgets.filter((w) => (w.permissions ?? []).every((p) => me.permissions.includes(p)) && (w.isVisible?.(me) ?? true));
  return (
    <div className="page-container">
      <GreetingCard me={me} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }} data-testid="home-widgets">
        {visible.map(({ key, span, Component }) => (
          <Col key={key} xs={24} md={span?.md ?? 24} xl={span?.xl ?? 12}>
            <Component me={me} />
          </Col>
        ))}
      </Row>
    </div>
  );
}
