/**
 * /whatsapp — the inbox: conversations on the left, the open one (?conversa=<id>) on the right.
 * On phones the list and the thread are two screens.
 */
import { Alert, Anchor, Box, Center, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconBrandWhatsapp, IconInfoCircle } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { ConversationList } from './ConversationList';
import { Thread } from './Thread';
import { useWhatsAppStatus } from './whatsappApi';

const PHONE_QUERY = '(max-width: 48em)';

export default function WhatsAppPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const selected = params.get('conversa');
  const isPhone = useMediaQuery(PHONE_QUERY) ?? false;
  const status = useWhatsAppStatus();
  const select = (id: string | null) => setParams(id ? { conversa: id } : {}, { replace: !isPhone });
  const notConfigured = status.data && !status.data.configured;

  return (
    <Stack gap="sm" style={{ height: 'calc(100dvh - 60px - 2 * var(--mantine-spacing-md))', minHeight: 420 }}>
      {notConfigured ? (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} data-testid="whatsapp-not-configured">
          O WhatsApp da empresa ainda não está configurado: as conversas aparecem aqui, mas não é possível responder.{' '}
          {hasPermission(me, 'integracoes:read') ? (
            <Anchor component={Link} to="/integracoes">
              Abrir Integrações
            </Anchor>
          ) : (
            'Peça ao administrador para configurá-lo.'
          )}
        </Alert>
      ) : null}
      <Box
        data-testid="whatsapp-inbox"
        style={{
          flex: 1,
          minHeight: 0,
          display: 'flex',
          border: '1px solid var(--mantine-color-gray-3)',
          borderRadius: 'var(--mantine-radius-md)',
          overflow: 'hidden',
          background: 'var(--mantine-color-body)',
        }}
      >
        {!isPhone || !selected ? (
          <Box
            style={{
              width: isPhone ? '100%' : 340,
              flex: 'none',
              borderRight: isPhone ? undefined : '1px solid var(--mantine-color-gray-3)',
              display: 'flex',
              flexDirection: 'column',
              minHeight: 0,
            }}
          >
            <ConversationList
              selectedId={selected}
              onSelect={select}
              sandbox={status.data?.sandbox ?? false}
              displayNumber={status.data?.display_phone_number ?? null}
            />
          </Box>
        ) : null}
        {!isPhone || selected ? (
          <Box style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
            {selected ? (
              <Thread key={selected} id={selected} onBack={isPhone ? () => select(null) : undefined} status={status.data} />
            ) : (
              <Center h="100%" p="lg">
                <Stack align="center" gap="xs">
                  <IconBrandWhatsapp size={40} color="var(--mantine-color-gray-5)" />
                  <Text c="dimmed" ta="center">
                    Selecione uma conversa para ver as mensagens.
                  </Text>
                </Stack>
              </Center>
            )}
          </Box>
        ) : null}
      </Box>
    </Stack>
  );
}
