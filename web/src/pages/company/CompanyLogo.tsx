/** The company's logo (printed on documents): preview, "Enviar logo" (PNG/JPEG up to 500 KB) and "Remover logo". */
import { Box, Button, Card, Center, FileButton, Group, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhoto, IconTrash, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import type { CompanyProfile } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { useObjectUrl } from '../../lib/useObjectUrl';
import { useCompanyLogo, useDeleteLogo, useUploadLogo } from './companyApi';
import { logoProblem } from './companyForm';

export function CompanyLogo({ profile, canEdit }: { profile: CompanyProfile; canEdit: boolean }) {
  const logo = useCompanyLogo(profile);
  const url = useObjectUrl(profile.has_logo ? logo.data : null);
  const upload = useUploadLogo();
  const remove = useDeleteLogo();
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  function pick(file: File | null) {
    if (!file) return;
    const local = logoProblem(file);
    setProblem(local);
    if (local) return;
    upload.mutate(file, {
      onSuccess: () => notifications.show({ color: 'green', message: 'Logo atualizado.' }),
      onError: (error) => setProblem(errorMessage(error)),
    });
  }

  return (
    <Card withBorder radius="md" padding="lg" data-testid="company-logo">
      <Stack gap="sm">
        <div>
          <Text fw={600}>Logo</Text>
          <Text size="sm" c="dimmed">
            Aparece no topo dos documentos. PNG ou JPEG, até 500 KB.
          </Text>
        </div>
        <Center
          h={140}
          bg="var(--mantine-color-gray-0)"
          style={{ borderRadius: 'var(--mantine-radius-md)', border: '1px dashed var(--mantine-color-gray-4)' }}
        >
          {profile.has_logo && url ? (
            <img src={url} alt="Logo da empresa" data-testid="company-logo-preview" style={{ maxWidth: '90%', maxHeight: 120, objectFit: 'contain' }} />
          ) : profile.has_logo && logo.isPending ? (
            <Loader size="sm" aria-label="Carregando o logo" />
          ) : (
            <Stack align="center" gap={4} data-testid="company-logo-empty">
              <IconPhoto size={28} color="var(--mantine-color-gray-5)" />
              <Text size="sm" c="dimmed">
                Sem logo
              </Text>
            </Stack>
          )}
        </Center>
        {profile.logo_updated_at ? (
          <Text size="xs" c="dimmed">
            Enviado em {formatDateTime(profile.logo_updated_at)}
          </Text>
        ) : null}
        <ErrorAlert message={problem} />
        {canEdit ? (
          <Group gap="xs">
            <FileButton onChange={pick} accept="image/png,image/jpeg">
              {(props) => (
                <Button {...props} variant="light" leftSection={<IconUpload size={16} />} loading={upload.isPending} data-testid="company-logo-upload">
                  {profile.has_logo ? 'Trocar logo' : 'Enviar logo'}
                </Button>
              )}
            </FileButton>
            {profile.has_logo ? (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() => (remove.reset(), setConfirming(true))}
                data-testid="company-logo-remove"
              >
                Remover logo
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
      <Box>
        <ConfirmModal
          opened={confirming}
          title="Remover logo"
          confirmLabel="Remover"
          loading={remove.isPending}
          error={remove.error}
          onClose={() => setConfirming(false)}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => {
                notifications.show({ color: 'green', message: 'Logo removido.' });
                setConfirming(false);
                setProblem(null);
              },
            })
          }
        >
          Os próximos documentos sairão sem logo. Os já gerados não mudam.
        </ConfirmModal>
      </Box>
    </Card>
  );
}
