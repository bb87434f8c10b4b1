/** /funil — the board, the stalled view (?aba=paradas), the card drawer and the settings. */
import { Button, Center, Select, Stack, Tabs, Text } from '@mantine/core';
import { IconAlertTriangle, IconLayoutKanban, IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { FunnelCard } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { PageHeader } from '../../components/PageHeader';
import { QueryBoundary } from '../../components/QueryBoundary';
import { useUserOptions } from '../clients/clientsApi';
import { Board } from './Board';
import { findCard } from './boardState';
import { CardDrawer } from './CardDrawer';
import { useBoard, useCard, useLoadMore } from './funnelApi';
import { FunnelSettingsModal } from './FunnelSettingsModal';
import { useMoveFlow } from './MoveDialog';
import { StalledList } from './StalledList';

export default function FunnelPage() {
  const me = useMe();
  const canWrite = hasPermission(me, 'funil:write');
  const [params, setParams] = useSearchParams();
  const view = params.get('aba') === 'paradas' ? 'stalled' : 'board';
  const users = useUserOptions();
  const seesAll = me.data_scope === 'all' && users !== null;
  const ownerId = seesAll ? params.get('responsavel') : null;
  const board = useBoard(ownerId);
  const loadMore = useLoadMore(ownerId);
  const { request, dialog } = useMoveFlow(ownerId);
  // ?card=<id> opens a card's drawer (links from the WhatsApp inbox and elsewhere).
  const [openId, setOpenId] = useState<string | null>(() => params.get('card'));
  const [openFallback, setOpenFallback] = useState<FunnelCard | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const fetched = useCard(openId && !findCard(board.data, openId) ? openId : null);
  const openCard = openId ? (findCard(board.data, openId) ?? fetched.data ?? openFallback) : null;
  const totalCards = board.data?.stages.reduce((sum, stage) => sum + stage.count, 0) ?? 0;

  const closeCard = () => {
    setOpenId(null);
    if (params.has('card')) {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete('card');
          return next;
        },
        { replace: true },
      );
    }
  };

  const open = (card: FunnelCard) => {
    setOpenId(card.id);
    setOpenFallback(card);
  };

  return (
    <>
      <PageHeader
        title="Funil"
        actions={
          hasPermission(me, 'funil:settings') ? (
            <Button variant="default" leftSection={<IconSettings size={16} />} onClick={() => setSettingsOpen(true)}>
              Configurações
            </Button>
          ) : null
        }
      />
      {seesAll ? (
        <Select
          label="Responsável"
          placeholder="Todos"
          data={users}
          clearable
          allowDeselect
          searchable
          value={ownerId}
          onChange={(value) =>
            setParams(
              (current) => {
                const next = new URLSearchParams(current);
                if (value) next.set('responsavel', value);
                else next.delete('responsavel');
                return next;
              },
              { replace: true },
            )
          }
          maw={320}
          mb="sm"
          data-testid="funnel-owner"
        />
      ) : null}
      <Tabs
        value={view}
        onChange={(value) =>
          setParams(
            (current) => {
              const next = new URLSearchParams(current);
              if (value === 'stalled') next.set('aba', 'paradas');
              else next.delete('aba');
              return next;
            },
            { replace: true },
          )
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="board" leftSection={<IconLayoutKanban size={16} />}>
            Quadro
          </Tabs.Tab>
          <Tabs.Tab value="stalled" leftSection={<IconAlertTriangle size={16} />} data-testid="tab-stalled">
            Oportunidades paradas
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="board">
          <Stack gap="sm">
            <QueryBoundary query={board}>
              {board.data && totalCards === 0 ? (
                <Center py="md">
                  <Text c="dimmed" ta="center">
                    O funil está vazio. Cada cliente cadastrado entra como card em "Novo contato".{' '}
                    {hasPermission(me, 'clientes:write') ? <Link to="/clientes/novo">Cadastrar um cliente</Link> : null}
                  </Text>
                </Center>
              ) : null}
              {board.data ? (
                <Board
                  board={board.data}
                  canMove={canWrite}
                  onOpen={open}
                  onMove={request}
                  onLoadMore={(stage) => stage.next_cursor && loadMore.mutate({ stage: stage.key, cursor: stage.next_cursor })}
                  loadingStage={loadMore.isPending ? (loadMore.variables?.stage ?? null) : null}
                />
              ) : null}
            </QueryBoundary>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="stalled">
          <StalledList onOpen={open} ownerId={ownerId} />
        </Tabs.Panel>
      </Tabs>
      <CardDrawer card={openCard} ownerId={ownerId} canWrite={canWrite} onClose={closeCard} onMove={request} />
      {dialog}
      {hasPermission(me, 'funil:settings') ? <FunnelSettingsModal opened={settingsOpen} onClose={() => setSettingsOpen(false)} /> : null}
    </>
  );
}
