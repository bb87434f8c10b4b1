/**
 * "Enviar por e-mail" / "Enviar por WhatsApp": the destination comes filled with the client's, the
 * message is optional. The API generates the PDF and sends it (202); the caller polls the document.
 */
import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/errors';
import type { Doc, DocChannel } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MaskedInput } from '../../components/MaskedInput';
import { emailFormat } from '../../lib/forms';
import { PHONE_MASK, formatPhone, phoneToE164 } from '../../lib/masks';
import { useClient } from '../clients/clientsApi';
import { useSendDocument } from './documentsApi';

interface SendDialogProps {
  doc: Pick<Doc, 'id' | 'number' | 'kind_label' | 'client_id' | 'client_name'> | null;
  channel: DocChannel | null;
  onClose: () => void;
  onSent?: (doc: Doc) => void;
}

export function SendDialog({ doc, channel, onClose, onSent }: SendDialogProps) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const send = useSendDocument();
  const [to, setTo] = useState('');
  const [message, setMessage] = useState('');
  const [toError, setToError] = useState<string | null>(null);
  const opened = doc !== null && channel !== null;
  const client = useClient(opened ? doc.client_id : undefined).data;
  const email = channel === 'email';

  useEffect(() => {
    if (!opened) return;
    setTo(email ? (client?.email ?? '') : formatPhone(client?.whatsapp));
    setMessage('');
    setToError(null);
    send.reset();
  }, [opened, channel, doc?.id, client?.email, client?.whatsapp]);

  function submit() {
    if (!doc || !channel) return;
    const typed = to.trim();
    const problem = typed === '' ? (email ? 'Informe o e-mail.' : 'Informe o número de WhatsApp.') : email ? emailFormat(typed) : null;
    setToError(problem);
    if (problem) return;
    send.mutate(
      { id: doc.id, body: { channel, to: email ? typed : phoneToE164(typed), message: message.trim() || null } },
      {
        onSuccess: (sent) => {
          notifications.show({ color: 'blue', message: `Gerando e enviando ${doc.number}…` });
          onSent?.(sent);
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.fieldErrors.to) setToError(error.fieldErrors.to);
        },
      },
    );
  }

  const apiError = send.error instanceof ApiError && send.error.fieldErrors.to ? null : send.error;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={email ? 'Enviar por e-mail' : 'Enviar por WhatsApp'}
      centered
      fullScreen={isPhone}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
        data-testid="send-dialog"
        data-channel={channel ?? ''}
      >
        <Stack>
          <Text size="sm">
            {doc?.kind_label} <b>{doc?.number}</b> para {doc?.client_name ?? 'o cliente'}. O PDF é gerado agora e vai{' '}
            {email ? 'anexado ao e-mail' : 'como arquivo na conversa do WhatsApp'}.
          </Text>
          <ErrorAlert error={apiError} />
          {email ? (
            <TextInput label="E-mail" type="email" value={to} onChange={(event) => setTo(event.currentTarget.value)} error={toError} data-testid="send-to" />
          ) : (
            <MaskedInput label="WhatsApp" mask={PHONE_MASK} inputMode="tel" value={to} onChange={setTo} error={toError} data-testid="send-to" />
          )}
          <Textarea
            label="Mensagem (opcional)"
            autosize
            minRows={3}
            maxRows={8}
            maxLength={2000}
            placeholder={email ? 'Em branco: "Olá! Segue em anexo…"' : 'Em branco: o PDF vai sem legenda'}
            value={message}
            onChange={(event) => setMessage(event.currentTarget.value)}
            data-testid="send-message"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={send.isPending}>
              Cancelar
            </Button>
            <Button type="submit" loading={send.isPending} data-testid="send-confirm">
              Enviar
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
