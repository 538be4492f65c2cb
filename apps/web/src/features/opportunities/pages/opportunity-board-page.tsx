import { useMemo, useState } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { Alert, Button, Card, Empty, Flex, Input, Segmented, Spin, Statistic, Typography } from 'antd';
import { PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Permission, type TBoardColumn, type TOpportunityStage, type TBoardCard } from '@crm/contracts';
import { useIsMobile } from '../../../shared/hooks/use-is-mobile.ts';
import { useDebouncedValue } from '../../../shared/hooks/use-debounced-value.ts';
import { PageContainer } from '../../../shared/ui/page-container.tsx';
import { QueryError } from '../../../shared/ui/query-error.tsx';
import { useApiError } from '../../../shared/ui/use-api-error.tsx';
import { formatDate } from '../../../shared/utils/format.ts';
import { useCurrentUser } from '../../auth/api/auth.queries.ts';
import { usePermission } from '../../auth/hooks/use-permission.ts';
import { fetchBoardColumn, useBoard, type BoardFilters } from '../api/opportunities.queries.ts';
import { OpportunityCard } from '../components/opportunity-card.tsx';
import { OpportunityFormDrawer } from '../components/opportunity-form-drawer.tsx';
import { OwnerSelect } from '../components/owner-select.tsx';
import { formatMoney, formatShortMoney, useStageName } from '../components/stage-label.tsx';
import { useStageMover } from '../components/use-stage-mover.tsx';

type Extra = Record<string, { cards: TBoardCard[]; nextCursor: string | null }>;

function DraggableCard({
  opportunity,
  stages,
  onPickStage,
}: {
  opportunity: TBoardCard;
  stages: TOpportunityStage[];
  onPickStage: (s: TOpportunityStage) => void;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: opportunity.id, data: { opportunity } });
  return (
    <div ref={setNodeRef} {...listeners} {...attributes} style={{ opacity: isDragging ? 0.35 : 1, touchAction: 'pan-y' }}>
      <OpportunityCard opportunity={opportunity} stages={stages} onPickStage={onPickStage} />
    </div>
  );
}

function Column({
  column,
  cards,
  hasMore,
  loadingMore,
  onLoadMore,
  stages,
  onPickStage,
}: {
  column: TBoardColumn;
  cards: TBoardCard[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  stages: TOpportunityStage[];
  onPickStage: (o: TBoardCard, s: TOpportunityStage) => void;
}) {
  const { t, i18n } = useTranslation();
  const name = useStageName();
  const { setNodeRef, isOver } = useDroppable({ id: column.stageId, data: { stage: column.stage } });
  const english = i18n.language.startsWith('en');
  const accent = column.stage.kind === 'won' ? '#52c41a' : column.stage.kind === 'lost' ? '#bfbfbf' : '#1677ff';
  return (
    <div className="board-column" data-testid="board-column" data-stage={column.stage.code}>
      <div className="board-column-header" style={{ borderTopColor: accent }}>
        <Flex justify="space-between" align="baseline">
          <Typography.Text strong>
            {name(column.stage)}
            <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 6, fontSize: 12 }}>
              {column.stage.probability}%
            </Typography.Text>
          </Typography.Text>
          <Typography.Text type="secondary" data-testid="column-count">
            {t('opportunities.board.count', { count: column.count })}
          </Typography.Text>
        </Flex>
        <Flex justify="space-between" style={{ fontSize: 12 }}>
          <Typography.Text style={{ fontSize: 12 }} title={formatMoney(column.amount)}>
            {formatShortMoney(column.amount, english)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} title={formatMoney(column.weightedAmount)}>
            {t('opportunities.board.weighted', { amount: formatShortMoney(column.weightedAmount, english) })}
          </Typography.Text>
        </Flex>
      </div>
      <div ref={setNodeRef} className={`board-column-body${isOver ? ' board-column-over' : ''}`}>
        {cards.length === 0 ? (
          <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', padding: '16px 0', fontSize: 12 }}>
            {t('opportunities.board.empty')}
          </Typography.Text>
        ) : (
          cards.map((o) => <DraggableCard key={o.id} opportunity={o} stages={stages} onPickStage={(s) => onPickStage(o, s)} />)
        )}
        {hasMore ? (
          <Button block size="small" type="dashed" loading={loadingMore} onClick={onLoadMore}>
            {t('opportunities.board.more')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

/** 商机看板: a column per stage with count, amount and weighted amount; drag a card (or pick a stage) to move it. */
export function OpportunityBoardPage() {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const showError = useApiError();
  const user = useCurrentUser();
  const canCreate = usePermission(Permission.opportunityCreate);
  const canSeeTeam = usePermission(Permission.opportunityAssign);
  const [ownerId, setOwnerId] = useState<string | undefined>();
  const [scope, setScope] = useState<'mine' | 'all'>('all');
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search, 300);
  const filters: BoardFilters = useMemo(
    () => ({ ownerId: scope === 'mine' ? user.id : ownerId, q: q || undefined }),
    [scope, user.id, ownerId, q],
  );
  const board = useBoard(filters);
  const [extra, setExtra] = useState<{ key: string; byStage: Extra }>({ key: '', byStage: {} });
  const [loadingMore, setLoadingMore] = useState<string | null>(null);
  const [moving, setMoving] = useState<Record<string, string>>({});
  const [active, setActive] = useState<TBoardCard | null>(null);
  const [creating, setCreating] = useState(false);
  const filterKey = JSON.stringify(filters) + String(board.dataUpdatedAt);
  const more = useMemo(() => (extra.key === filterKey ? extra.byStage : {}), [extra, filterKey]);

  const mover = useStageMover({
    onStart: (id, stageId) => setMoving((m) => ({ ...m, [id]: stageId })),
    onFailed: (id) =>
      setMoving((m) => {
        const { [id]: _gone, ...rest } = m;
        return rest;
      }),
    onMoved: (o) =>
      void board.refetch().then(() =>
        setMoving((m) => {
          const { [o.id]: _gone, ...rest } = m;
          return rest;
        }),
      ),
  });

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 300, tolerance: 8 } }),
    useSensor(KeyboardSensor),
  );

  const columns = useMemo(() => board.data?.columns ?? [], [board.data]);
  const stages = useMemo(() => columns.map((c) => c.stage), [columns]);
  // Cards where they are shown: a card being moved already sits in its new column.
  const cardsByStage = useMemo(() => {
    const map = new Map<string, TBoardCard[]>();
    const all = columns.flatMap((c) => [...c.cards, ...(more[c.stageId]?.cards ?? [])]);
    for (const c of columns) map.set(c.stageId, []);
    for (const o of all) {
      const target = moving[o.id] ?? o.stageId;
      map.get(target)?.push(o);
    }
    for (const [stageId, list] of map) {
      const moved = list.filter((o) => moving[o.id] === stageId && o.stageId !== stageId);
      map.set(stageId, [...moved, ...list.filter((o) => !moved.includes(o))]);
    }
    return map;
  }, [columns, more, moving]);

  async function loadMore(column: TBoardColumn) {
    const cursor = more[column.stageId]?.nextCursor ?? column.nextCursor;
    if (!cursor) return;
    setLoadingMore(column.stageId);
    try {
      const page = await fetchBoardColumn(filters, column.stageId, cursor);
      setExtra({
        key: filterKey,
        byStage: {
          ...more,
          [column.stageId]: { cards: [...(more[column.stageId]?.cards ?? []), ...page.cards], nextCursor: page.nextCursor },
        },
      });
    } catch (e) {
      showError(e);
    } finally {
      setLoadingMore(null);
    }
  }

  const onDragStart = (e: DragStartEvent) => setActive((e.active.data.current as { opportunity: TBoardCard }).opportunity);
  const onDragEnd = (e: DragEndEvent) => {
    setActive(null);
    const o = (e.active.data.current as { opportunity: TBoardCard } | undefined)?.opportunity;
    const stage = (e.over?.data.current as { stage: TOpportunityStage } | undefined)?.stage;
    if (o && stage && stage.id !== o.stageId) mover.requestMove(o, stage);
  };

  const openTotals = columns.filter((c) => c.stage.kind === 'open');
  const sum = (key: 'amount' | 'weightedAmount') => openTotals.reduce((n, c) => n + Number(c[key]), 0).toFixed(2);
  const english = i18n.language.startsWith('en');

  return (
    <PageContainer
      title={t('opportunities.boardTitle')}
      extra={
        <>
          <Button icon={<UnorderedListOutlined />} onClick={() => navigate('/opportunities')}>
            {t('opportunities.viewList')}
          </Button>
          {canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="opportunity-create">
              {t('opportunities.create')}
            </Button>
          ) : null}
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={12} wrap align="center" justify="space-between">
          <Flex gap={8} wrap align="center" style={{ flex: '1 1 320px' }}>
            <Segmented
              value={scope}
              onChange={(v) => setScope(v as 'mine' | 'all')}
              options={[
                { value: 'all', label: t('opportunities.board.scopeAll') },
                { value: 'mine', label: t('opportunities.board.scopeMine') },
              ]}
            />
            {canSeeTeam && scope === 'all' ? (
              <OwnerSelect
                value={ownerId}
                onChange={setOwnerId}
                placeholder={t('opportunities.filters.owner')}
                style={{ width: isMobile ? '100%' : 160 }}
              />
            ) : null}
            <Input.Search
              allowClear
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder={t('opportunities.searchPlaceholder')}
              style={{ width: isMobile ? '100%' : 260 }}
            />
          </Flex>
          <Flex gap={24} wrap>
            <Statistic
              title={t('opportunities.summary.open')}
              value={openTotals.reduce((n, c) => n + c.count, 0)}
              styles={{ content: { fontSize: 18 } }}
            />
            <Statistic
              title={t('opportunities.summary.amount')}
              value={formatShortMoney(sum('amount'), english)}
              styles={{ content: { fontSize: 18 } }}
            />
            <Statistic
              title={t('opportunities.summary.weighted')}
              value={formatShortMoney(sum('weightedAmount'), english)}
              styles={{ content: { fontSize: 18 } }}
            />
          </Flex>
        </Flex>
      </Card>
      {board.isError ? <QueryError error={board.error} onRetry={() => void board.refetch()} /> : null}
      {isMobile ? <Alert type="info" showIcon title={t('opportunities.board.phoneHint')} style={{ marginBottom: 8 }} /> : null}
      {board.isLoading ? (
        <Spin style={{ display: 'block', padding: 48 }} />
      ) : columns.length === 0 ? (
        <Empty />
      ) : (
        <DndContext sensors={sensors} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setActive(null)}>
          <div className="board" data-testid="opportunity-board">
            {columns.map((c) => (
              <Column
                key={c.stageId}
                column={c}
                cards={cardsByStage.get(c.stageId) ?? []}
                hasMore={Boolean(more[c.stageId] ? more[c.stageId]!.nextCursor : c.nextCursor)}
                loadingMore={loadingMore === c.stageId}
                onLoadMore={() => void loadMore(c)}
                stages={stages}
                onPickStage={(o, s) => mover.requestMove(o, s)}
              />
            ))}
          </div>
          <DragOverlay dropAnimation={null}>{active ? <OpportunityCard opportunity={active} dragging /> : null}</DragOverlay>
        </DndContext>
      )}
      {board.data ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('opportunities.board.closedSince', { date: formatDate(board.data.closedSince) })}
        </Typography.Text>
      ) : null}
      {mover.modal}
      <OpportunityFormDrawer open={creating} onClose={() => setCreating(false)} onSaved={(o) => navigate(`/opportunities/${o.id}`)} />
    </PageContainer>
  );
}
