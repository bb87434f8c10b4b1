/** "WhatsApp" on a client's page: opens (or starts) the conversation with the client's number. */
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBrandWhatsapp } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/errors';
import type { Client } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { canUseModule, hasPermission } from '../../auth/permissions';
import { useStartConversation } from './whatsappApi';

export function StartConversationButton({ client }: { client: Pick<Client, 'id' | 'whatsapp' | 'status'> }) {
  const me = useMe();
  const navigate = useNavigate();
  const start = useStartConversation();
  if (!client.whatsapp || client.status !== 'active' || !canUseModule(me, 'whatsapp') || !hasPermission(me, 'whatsapp:write')) {
    return null;
  }
  return (
    <Button
      variant="light"
      color="green"
      leftSection={<IconBrandWhatsapp size={16} />}
      loading={start.isPending}
      onClick={() =>
        start.mutate(client.id, {
          onSuccess: (conv) => navigate(`/whatsapp?conversa=${conv.id}`),
          onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
        })
      }
      data-testid="client-whatsapp"
    >
      WhatsApp
    </Button>
  );
}
