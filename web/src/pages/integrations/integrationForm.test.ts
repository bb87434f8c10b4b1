import { describe, expect, it } from 'vitest';
import type { Integration } from '../../api/types';
import { formPaths, leadExamples, placeFieldErrors, secretStateText, toFormValues, toPayload } from './integrationForm';

const whatsapp: Integration = {
  kind: 'whatsapp',
  label: 'WhatsApp Cloud API',
  enabled: true,
  configured: true,
  settings: {
    phone_number_id: '100200300400500',
    waba_id: null,
    display_phone_number: '+55 11 4000-0500',
    default_owner_id: null,
    auto_move_on_first_reply: true,
    templates: [{ name: 'boas_vindas', language: 'pt_BR', parameters: 0 }],
  },
  secrets: {
    access_token: { label: 'Token de acesso', set: true, updated_at: '2026-12-01T17:30:00+00:00' },
    app_secret: { label: 'App secret', set: false, updated_at: null },
  },
  last_test: null,
  webhook_url: 'http://127.0.0.1:8000/webhooks/whatsapp/abc',
  updated_at: '2026-12-01T17:30:00+00:00',
};

describe('secretStateText', () => {
  it('masks a stored secret and tells when it changed (São Paulo time)', () => {
    expect(secretStateText({ set: true, updated_at: '2026-12-01T17:30:00+00:00' })).toBe('•••••••• alterado em 01/12/2026 14:30');
  });
  it('says when nothing is stored', () => {
    expect(secretStateText({ set: false, updated_at: null })).toBe('Não definido');
    expect(secretStateText({ set: true, updated_at: null })).toBe('••••••••');
  });
});

describe('toFormValues', () => {
  it('starts every secret empty and never copies a value into the form', () => {
    const values = toFormValues(whatsapp);
    expect(values.secrets).toEqual({ access_token: '', app_secret: '' });
    expect(values.remove).toEqual({ access_token: false, app_secret: false });
    expect(JSON.stringify(values)).not.toContain('sandbox-token');
  });
  it('keeps only editable settings (learned ones stay read-only)', () => {
    const values = toFormValues(whatsapp);
    expect(values.settings).toEqual({ phone_number_id: '100200300400500', waba_id: '', default_owner_id: '', auto_move_on_first_reply: true });
  });
});

describe('toPayload', () => {
  it('sends typed secrets, null for removed ones and leaves the untouched out', () => {
    const values = toFormValues(whatsapp);
    values.secrets.app_secret = '  novo-segredo ';
    values.remove.access_token = true;
    expect(toPayload('whatsapp', values)).toEqual({
      enabled: true,
      settings: { phone_number_id: '100200300400500', auto_move_on_first_reply: true },
      secrets: { app_secret: 'novo-segredo', access_token: null },
    });
  });
  it('turns numbers into numbers and drops empty fields', () => {
    const smtp = toPayload('smtp', {
      enabled: false,
      settings: { provider: 'smtp', host: ' smtp.exemplo.com ', port: '587', tls_mode: 'starttls', username: '', from_name: '', from_email: 'a@b.com' },
      secrets: { password: '' },
      remove: { password: false },
    });
    expect(smtp).toEqual({
      enabled: false,
      settings: { provider: 'smtp', host: 'smtp.exemplo.com', port: 587, tls_mode: 'starttls', from_email: 'a@b.com' },
      secrets: {},
    });
  });
});

describe('placeFieldErrors', () => {
  it('puts settings.* and secrets.* messages on their inputs', () => {
    const paths = formPaths(toFormValues(whatsapp));
    const result = placeFieldErrors({ 'settings.phone_number_id': 'deve conter só dígitos', 'secrets.app_secret': 'inválido' }, paths);
    expect(result).toEqual({
      placed: { 'settings.phone_number_id': 'Deve conter só dígitos', 'secrets.app_secret': 'Inválido' },
      unplaced: false,
    });
  });
  it('reports messages without an input', () => {
    expect(placeFieldErrors({ 'settings.templates': 'x' }, new Set(['settings.port'])).unplaced).toBe(true);
  });
});

describe('leadExamples', () => {
  it('posts to the webhook address', () => {
    const { curl, html } = leadExamples('https://api.exemplo.com/webhooks/leads/xyz');
    expect(curl).toContain("curl -X POST 'https://api.exemplo.com/webhooks/leads/xyz'");
    expect(curl).toContain('"phone"');
    expect(html).toContain('action="https://api.exemplo.com/webhooks/leads/xyz"');
    expect(html).toContain('name="email"');
  });
});
