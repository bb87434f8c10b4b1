import { describe, expect, it } from 'vitest';
import type { Client, CustomField } from '../../api/types';
import { clientToValues, clientValidation, emptyClientValues, valuesToBody } from './clientForm';

const FIELDS: CustomField[] = [
  { key: 'segmento', label: 'Segmento', type: 'choice', options: ['Varejo'], required: true },
  { key: 'aniversario', label: 'Aniversário', type: 'date', options: [], required: false },
];

describe('client form', () => {
  it('turns typed values into the API body', () => {
    const values = emptyClientValues();
    Object.assign(values, {
      first_name: ' Ana ',
      last_name: 'Souza',
      legal_name: 'ignored for pf',
      document: '529.982.247-25',
      whatsapp: '(11) 98765-4321',
      email: 'Ana@Exemplo.com',
      tags: ['vip', ' '],
    });
    values.address.cep = '01310-100';
    values.values.opportunity_value = '1.234,56';
    values.values.installments = '3';
    values.values.first_due_date = '05/03/2026';
    values.custom_fields = { segmento: 'Varejo', aniversario: '' };
    const body = valuesToBody(values, FIELDS, false) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: 'pf',
      first_name: 'Ana',
      last_name: 'Souza',
      legal_name: null,
      document: '52998224725',
      whatsapp: '+5511987654321',
      phone: null,
      email: 'ana@exemplo.com',
      origin: 'cadastro_manual',
      tags: ['vip'],
      contract: null,
      values: { opportunity_value_cents: 123456, monthly_value_cents: null, installments: 3, first_due_date: '2026-03-05' },
      custom_fields: { segmento: 'Varejo', aniversario: null },
    });
    expect(body.address).toMatchObject({ cep: '01310100', street: null });
    expect('owner_id' in body).toBe(false);
  });

  it('round-trips a stored client', () => {
    const client = {
      type: 'pj',
      document: '11222333000181',
      phone: '+551134567890',
      address: { cep: '01310100', street: 'Av. Paulista', number: '1000', complement: null, district: null, city: 'São Paulo', state: 'SP' },
      values: { opportunity_value_cents: 500000, monthly_value_cents: null, installments: null, first_due_date: null },
      custom_fields: { aniversario: '1990-12-31' },
      tags: [],
    } as unknown as Client;
    const values = clientToValues(client, FIELDS);
    expect(values.document).toBe('11.222.333/0001-81');
    expect(values.phone).toBe('(11) 3456-7890');
    expect(values.address.cep).toBe('01310-100');
    expect(values.values.opportunity_value).toBe('5.000,00');
    expect(values.custom_fields.aniversario).toBe('31/12/1990');
  });

  it('validates documents, dates and required custom fields', () => {
    const values = emptyClientValues();
    values.document = '529.982.247-26';
    values.contract.start_date = '31/02/2026';
    const errors = clientValidation(FIELDS)(values);
    expect(errors.first_name).toBe('Informe o nome.');
    expect(errors.document).toBe('CPF inválido.');
    expect(errors['contract.start_date']).toMatch(/Data inválida/);
    expect(errors['custom_fields.segmento']).toBe('Informe Segmento.');
  });
});

describe('merge choices', () => {
  it('joins tags by default and leaves "both" out of the request', async () => {
    const { defaultChoices, mergeFieldsBody } = await import('./mergeFields');
    const target = { first_name: 'Ana', email: null, tags: ['a'] } as unknown as Client;
    const source = { first_name: 'Ana B', email: 'b@x.com', tags: ['b'] } as unknown as Client;
    const choices = defaultChoices(target, source);
    expect(choices).toMatchObject({ first_name: 'target', email: 'source', tags: 'both' });
    const body = mergeFieldsBody(choices);
    expect(body.email).toBe('source');
    expect('tags' in body).toBe(false);
  });
});
