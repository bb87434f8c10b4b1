import { describe, expect, it } from 'vitest';
import {
  awaitingDispatch,
  channelOutcomes,
  contactHint,
  defaultChannel,
  formFieldFor,
  insertVariable,
  needsBody,
  parsePeriod,
  periodRange,
  repeatLabel,
  scheduleBody,
  statusBadge,
  targetLabel,
  type ScheduleFormValues,
} from './scheduleRules';

describe('status badge', () => {
  it('labels each status and gives the reason only on erro', () => {
    expect(statusBadge({ status: 'agendado', error: null, late: false })).toEqual({
      label: 'Agendado',
      color: 'blue',
      reason: null,
      late: false,
    });
    expect(statusBadge({ status: 'erro', error: 'WhatsApp: janela fechada', late: false })).toMatchObject({
      label: 'Erro',
      color: 'red',
      reason: 'WhatsApp: janela fechada',
    });
    expect(statusBadge({ status: 'erro', error: null, late: false }).reason).toBe('Falha no envio.');
    expect(statusBadge({ status: 'enviado', error: null, late: true })).toMatchObject({ label: 'Enviado', late: true });
    // "late" only means something once it went (or failed)
    expect(statusBadge({ status: 'agendado', error: null, late: true }).late).toBe(false);
    expect(statusBadge({ status: 'cancelado', error: null, late: false }).label).toBe('Cancelado');
  });

  it('shows each channel of "Ambos"', () => {
    expect(
      channelOutcomes({
        channel: 'both',
        outcomes: { email: { status: 'erro', at: 'x', error: 'caixa cheia', message_id: null, code: null } },
      }),
    ).toEqual([
      { channel: 'whatsapp', label: 'WhatsApp', status: 'pendente', error: null },
      { channel: 'email', label: 'E-mail', status: 'erro', error: 'caixa cheia' },
    ]);
    expect(channelOutcomes({ channel: 'email', outcomes: {} })).toHaveLength(1);
  });
});

describe('polling while the dispatcher is due', () => {
  const now = Date.parse('2026-12-02T13:00:00Z');
  it('polls for a message due within 2 minutes or being sent', () => {
    expect(awaitingDispatch([{ status: 'agendado', send_at: '2026-12-02T13:01:00Z' }], now)).toBe(true);
    expect(awaitingDispatch([{ status: 'agendado', send_at: '2026-12-02T12:50:00Z' }], now)).toBe(true);
    expect(awaitingDispatch([{ status: 'enviando', send_at: '2026-12-01T12:00:00Z' }], now)).toBe(true);
    expect(awaitingDispatch([{ status: 'agendado', send_at: '2026-12-02T13:05:00Z' }], now)).toBe(false);
    expect(awaitingDispatch([{ status: 'enviado', send_at: '2026-12-02T13:00:00Z' }], now)).toBe(false);
    expect(awaitingDispatch([], now)).toBe(false);
  });
});

describe('targets and labels', () => {
  it('names who receives it', () => {
    expect(targetLabel({ client_id: 'c1', client_name: 'Juliana', to_phone: null, to_email: null })).toBe('Juliana');
    expect(targetLabel({ client_id: null, client_name: null, to_phone: '+5511987654321', to_email: 'a@b.com' })).toBe(
      '(11) 98765-4321 · a@b.com',
    );
    expect(targetLabel({ client_id: null, client_name: null, to_phone: null, to_email: null })).toBe('—');
  });

  it('chooses e-mail for a client with only an e-mail, and describes the contacts', () => {
    expect(defaultChannel({ whatsapp: null, email: 'a@b.com' })).toBe('email');
    expect(defaultChannel({ whatsapp: '+5511987654321', email: 'a@b.com' })).toBe('whatsapp');
    expect(defaultChannel(null)).toBe('whatsapp');
    expect(contactHint({ whatsapp: '+5511987654321', email: null })).toBe('WhatsApp (11) 98765-4321 · sem e-mail');
  });

  it('describes the repetition', () => {
    expect(repeatLabel(null)).toBeNull();
    expect(repeatLabel({ every: 'weekly', until: null })).toBe('Semanalmente');
    expect(repeatLabel({ every: 'monthly', until: '2027-03-31' })).toBe('Mensalmente até 31/03/2027');
  });
});

describe('insertVariable', () => {
  it('inserts at the cursor, replacing a selection, keeping words apart', () => {
    expect(insertVariable('Olá, tudo bem?', 'nome', 3, 3)).toEqual({ text: 'Olá {{ nome }}, tudo bem?', cursor: 14 });
    expect(insertVariable('Olá XXX!', 'cliente', 4, 7)).toEqual({ text: 'Olá {{ cliente }}!', cursor: 17 });
    expect(insertVariable('', 'valor')).toEqual({ text: '{{ valor }}', cursor: 11 });
    expect(insertVariable('Valor:', 'valor', null, null).text).toBe('Valor: {{ valor }}');
    expect(insertVariable('abc', 'nome', 99, 99).text).toBe('abc {{ nome }}');
  });
});

describe('periods', () => {
  const today = '2026-12-02';
  it('turns presets into São Paulo day ranges', () => {
    expect(parsePeriod(null)).toBe('proximos');
    expect(parsePeriod('ultimos7')).toBe('ultimos7');
    expect(periodRange('proximos', today)).toEqual({ date_from: today });
    expect(periodRange('hoje', today)).toEqual({ date_from: today, date_to: today });
    expect(periodRange('semana', today)).toEqual({ date_from: today, date_to: '2026-12-08' });
    expect(periodRange('ultimos30', today)).toEqual({ date_from: '2026-11-03', date_to: today });
    expect(periodRange('todos', today)).toEqual({});
    expect(periodRange('personalizado', today, { from: '2026-11-01', to: null })).toEqual({ date_from: '2026-11-01' });
  });
});

describe('the form body', () => {
  const base: ScheduleFormValues = {
    target: 'client',
    client_id: 'c1',
    phone: '',
    email: '',
    channel: 'whatsapp',
    use_wa_template: true,
    wa_template: 'retorno_proposta|pt_BR',
    wa_params: [' Juliana '],
    subject: 'ignorado',
    body: 'ignorado também',
    day: '2026-12-02',
    time: '14:05',
    purpose: 'retorno_proposta',
    repeat: 'none',
    until: null,
  };

  it('sends an approved template alone (no text) for WhatsApp', () => {
    expect(needsBody(base)).toBe(false);
    expect(scheduleBody(base, { card_id: 'k1' })).toEqual({
      channel: 'whatsapp',
      client_id: 'c1',
      to_phone: null,
      to_email: null,
      subject: null,
      body: null,
      template_id: null,
      whatsapp_template: { name: 'retorno_proposta', language: 'pt_BR', parameters: ['Juliana'] },
      send_at: '2026-12-02T14:05:00-03:00',
      purpose: 'retorno_proposta',
      repeat: null,
      card_id: 'k1',
      charge_id: null,
    });
  });

  it('sends a loose phone in E.164 and the e-mail text for "Ambos"', () => {
    const body = scheduleBody({
      ...base,
      target: 'avulso',
      phone: '(11) 98765-4321',
      email: ' a@b.com ',
      channel: 'both',
      subject: 'Proposta',
      body: 'Olá {{ nome }}',
      repeat: 'weekly',
      until: '2027-01-31',
    }, { card_id: 'k1' });
    expect(body).toMatchObject({
      client_id: null,
      to_phone: '+5511987654321',
      to_email: 'a@b.com',
      subject: 'Proposta',
      body: 'Olá {{ nome }}',
      whatsapp_template: { name: 'retorno_proposta' },
      repeat: { every: 'weekly', until: '2027-01-31' },
      card_id: null,
    });
    expect(needsBody({ channel: 'both', use_wa_template: true })).toBe(true);
  });

  it('drops the WhatsApp template for e-mail only and refuses a bad time', () => {
    const email = scheduleBody({ ...base, channel: 'email', subject: ' Oi ', body: 'Texto' });
    expect(email).toMatchObject({ whatsapp_template: null, subject: 'Oi', body: 'Texto' });
    expect(() => scheduleBody({ ...base, time: '25:00' })).toThrow();
  });

  it('maps API field paths to the form fields', () => {
    expect(formFieldFor('send_at')).toBe('time');
    expect(formFieldFor('to_phone')).toBe('phone');
    expect(formFieldFor('repeat.until')).toBe('until');
    expect(formFieldFor('repeat.every')).toBe('repeat');
    expect(formFieldFor('whatsapp_template.parameters')).toBe('wa_template');
    expect(formFieldFor('template_id')).toBe('body');
    expect(formFieldFor('client_id')).toBe('client_id');
    expect(formFieldFor('charge_id')).toBeNull();
  });
});
