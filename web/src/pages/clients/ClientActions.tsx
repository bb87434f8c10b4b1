/** The client page's actions menu: archive/restore, merge, LGPD export and anonymization. */
import { ActionIcon, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArrowsJoin, IconDots, IconFileDownload, IconRestore, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { api } from '../../api/client';
import { errorMessage, unwrap } from '../../api/errors';
import type { Client } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { ConfirmModal } from '../../components/ConfirmModal';
import { saveBlob } from '../../lib/download';
import { useClientAction } from './clientsApi';
import { MergeModal } from './MergeModal';

type Pending = 'archive' | 'anonymize' | null;

export function ClientActions({ client }: { client: Client }) {
  const me = useMe();
  const can = (permission: string) => hasPermission(me, permission);
  const action = useClientAction(client.id);
  const [confirming, setConfirming] = useState<Pending>(null);
  const [merging, setMerging] = useState(false);
  const active = client.status === 'active';
  const archived = client.status === 'archived';
  const canArchive = can('clientes:delete') && (active || archived);
  const canMerge = can('clientes:merge') && active;
  const canLgpd = can('clientes:lgpd');
  if (!canArchive && !canMerge && !canLgpd) return null;

  async function exportLgpd() {
    try {
      const data = await unwrap(api().GET('/api/clients/{client_id}/lgpd-export', { params: { path: { client_id: client.id } } }));
      saveBlob(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), `dados-cliente-${client.id}.json`);
    } catch (error) {
      notifications.show({ color: 'red', title: 'Não foi possível exportar', message: errorMessage(error) });
    }
  }

  function run(kind: 'archive' | 'restore' | 'anonymize', message: string) {
    action.mutate(kind, {
      onSuccess: () => {
        notifications.show({ color: 'green', message });
        setConfirming(null);
      },
      onError: (error) => {
        if (kind === 'restore') notifications.show({ color: 'red', message: errorMessage(error) });
      },
    });
  }

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size="lg" aria-label={`Ações de ${client.display_name}`} data-testid="client-actions">
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {canArchive && active ? (
            <Menu.Item leftSection={<IconArchive size={16} />} onClick={() => (action.reset(), setConfirming('archive'))}>
              Arquivar
            </Menu.Item>
          ) : null}
          {canArchive && archived ? (
            <Menu.Item leftSection={<IconRestore size={16} />} onClick={() => run('restore', 'Cliente restaurado.')}>
              Restaurar
            </Menu.Item>
          ) : null}
          {canMerge ? (
            <Menu.Item leftSection={<IconArrowsJoin size={16} />} onClick={() => setMerging(true)}>
              Unir com outro cliente
            </Menu.Item>
          ) : null}
          {canLgpd ? (
            <Menu.Item leftSection={<IconFileDownload size={16} />} onClick={() => void exportLgpd()}>
              Exportar dados (LGPD)
            </Menu.Item>
          ) : null}
          {canLgpd && client.status !== 'anonymized' ? (
            <Menu.Item color="red" leftSection={<IconShieldLock size={16} />} onClick={() => (action.reset(), setConfirming('anonymize'))}>
              Anonimizar (LGPD)
            </Menu.Item>
          ) : null}
        </Menu.Dropdown>
      </Menu>
      <ConfirmModal
        opened={confirming === 'archive'}
        title="Arquivar cliente"
        confirmLabel="Arquivar"
        loading={action.isPending}
        error={action.error}
        onClose={() => setConfirming(null)}
        onConfirm={() => run('archive', 'Cliente arquivado.')}
      >
        {client.display_name} deixará de aparecer na lista e no funil. Você pode restaurá-lo depois.
      </ConfirmModal>
      <ConfirmModal
        opened={confirming === 'anonymize'}
        title="Anonimizar cliente"
        confirmLabel="Anonimizar definitivamente"
        loading={action.isPending}
        error={action.error}
        onClose={() => setConfirming(null)}
        onConfirm={() => run('anonymize', 'Dados pessoais anonimizados.')}
      >
        Os dados pessoais de {client.display_name} (nome, documento, telefones, e-mail e endereço) serão apagados de forma
        irreversível, atendendo a um pedido do titular pela LGPD. O histórico comercial fica sem identificação. Esta ação
        não pode ser desfeita.
      </ConfirmModal>
      {canMerge ? <MergeModal client={client} opened={merging} onClose={() => setMerging(false)} /> : null}
    </>
  );
}
