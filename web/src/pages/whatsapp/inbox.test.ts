import { describe, expect, it } from 'vitest';
import type { MessagePage, WaMessage } from '../../api/types';
import {
  OPTED_OUT_REASON,
  WINDOW_CLOSED_REASON,
  awaitingStatus,
  conversationTitle,
  failureText,
  fillTemplate,
  formatPhone,
  messageText,
  remainingLabel,
  replyState,
  shortTime,
  statusInfo,
  threadMessages,
} from './inbox';

const NOW = new Date('2026-12-01T15:00:00Z'); // 12:00 in São Paulo

function message(id: string, created_at: string, extra: Partial<WaMessage> = {}): WaMessage {
  return {
    id, conversation_id: 'c1', direction: 'in', type: 'text', text: id, caption: null, template: null,
    status: 'received', error: null, sender_id: null, sender_name: null, wa_message_id: null, created_at,
    status_at: null, ...extra,
  };
}

describe('replyState', () => {
  it('allows free text inside the window and says how long it lasts', () => {
    const state = replyState({ window_open: true, window_expires_at: '2026-12-02T01:30:00Z', opted_out: false }, NOW);
    expect(state).toEqual({ mode: 'text', reason: null, remaining: 'Janela aberta por mais 10 h 30 min' });
  });
  it('closes with the pt-BR reason when the window is over, even between polls', () => {
    expect(replyState({ window_open: false, window_expires_at: null, opted_out: false }, NOW)).toEqual({
      mode: 'template', reason: WINDOW_CLOSED_REASON, remaining: null,
    });
    // the server said open, but the expiry has passed on this clock
    expect(replyState({ window_open: true, window_expires_at: '2026-12-01T14:59:00Z', opted_out: false }, NOW).mode).toBe('template');
  });
  it('blocks everything for an opted-out client or an unconfigured number', () => {
    expect(replyState({ window_open: true, window_expires_at: null, opted_out: true }, NOW)).toMatchObject({ mode: 'blocked', reason: OPTED_OUT_REASON });
    expect(replyState({ window_open: true, window_expires_at: null, opted_out: false }, NOW, false).mode).toBe('blocked');
  });
  it('formats the remaining time', () => {
    expect(remainingLabel(new Date('2026-12-01T15:45:00Z'), NOW)).toBe('Janela aberta por mais 45 min');
    expect(remainingLabel(new Date('2026-12-01T17:00:00Z'), NOW)).toBe('Janela aberta por mais 2 h');
  });
});

describe('statusInfo and failureText', () => {
  it('maps statuses to ticks', () => {
    expect(statusInfo('sent')).toEqual({ label: 'Enviada', tick: 'single' });
    expect(statusInfo('delivered').tick).toBe('double');
    expect(statusInfo('read')).toEqual({ label: 'Lida', tick: 'double-read' });
    expect(statusInfo('failed').tick).toBe('failed');
  });
  it('explains a failure with Meta code, title and message', () => {
    expect(failureText({ error: { code: 131047, title: 'Re-engagement message', message: 'Mais de 24 horas' } })).toBe(
      'Falhou: (131047) Re-engagement message — Mais de 24 horas',
    );
    expect(failureText({ error: { code: null, title: 'X', message: 'X' } })).toBe('Falhou: X');
    expect(failureText({ error: null })).toBe('Falhou.');
  });
});

describe('messageText', () => {
  it('shows media as a placeholder with the caption', () => {
    expect(messageText({ type: 'image', text: null, caption: 'foto da fachada', template: null })).toBe('[Imagem] foto da fachada');
    expect(messageText({ type: 'audio', text: null, caption: null, template: null })).toBe('[Áudio]');
    expect(messageText({ type: 'text', text: 'Oi', caption: null, template: null })).toBe('Oi');
    expect(messageText({ type: 'template', text: null, caption: null, template: { name: 'boas_vindas', language: 'pt_BR', parameters: [] } })).toBe('[Modelo boas_vindas]');
  });
});

describe('threadMessages', () => {
  it('shows pages (newest first) oldest first, once each', () => {
    const pages: MessagePage[] = [
      { items: [message('c', '2026-12-01T12:03:00Z'), message('b', '2026-12-01T12:02:00Z')], next_cursor: 'x' },
      { items: [message('b', '2026-12-01T12:02:00Z'), message('a', '2026-12-01T12:01:00Z')], next_cursor: null },
    ];
    expect(threadMessages(pages).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(threadMessages(undefined)).toEqual([]);
  });
  it('knows when a reply still waits for its statuses', () => {
    expect(awaitingStatus([message('a', 'x', { direction: 'out', status: 'sent' })])).toBe(true);
    expect(awaitingStatus([message('a', 'x', { direction: 'out', status: 'read' }), message('b', 'y')])).toBe(false);
  });
});

describe('labels', () => {
  it('short times: today, yesterday, older', () => {
    expect(shortTime('2026-12-01T14:05:00Z', NOW)).toBe('11:05');
    expect(shortTime('2026-11-30T14:05:00Z', NOW)).toBe('ontem');
    expect(shortTime('2026-11-20T14:05:00Z', NOW)).toBe('20/11/2026');
    expect(shortTime(null, NOW)).toBe('');
  });
  it('phones and titles', () => {
    expect(formatPhone('+5511987654321')).toBe('+55 11 98765-4321');
    expect(formatPhone('+14155550100')).toBe('+14155550100');
    expect(conversationTitle({ client_name: null, contact_name: null, phone: '+5511987654321' })).toBe('+55 11 98765-4321');
    expect(conversationTitle({ client_name: 'Ana', contact_name: 'Aninha', phone: '+55' })).toBe('Ana');
  });
  it('fills template parameters as they are typed', () => {
    const template = { body: 'Olá {{1}}, reunião em {{2}}.' };
    expect(fillTemplate(template, ['Ana', ''])).toBe('Olá Ana, reunião em {{2}}.');
    expect(fillTemplate(template, ['Ana', '10/12'])).toBe('Olá Ana, reunião em 10/12.');
  });
});
