import { describe, expect, it } from 'vitest';
import type { CompanyProfile } from '../../api/types';
import { logoProblem, profileToValues, validateCep, validateCnpj, validatePhone, valuesToProfile } from './companyForm';

const profile = {
  configured: true,
  company_name: 'Impacte Demo',
  legal_name: 'Impacte Demo Ltda',
  trade_name: 'Impacte',
  cnpj: '11.222.333/0001-81',
  state_registration: 'Isento',
  municipal_registration: null,
  address: { cep: '01310100', street: 'Avenida Paulista', number: '1000', complement: null, district: 'Bela Vista', city: 'São Paulo', state: 'SP' },
  address_line: '',
  phone: '+551134567890',
  phone_display: '(11) 3456-7890',
  email: 'contato@impacte.com.br',
  website: null,
  signature_city: null,
  has_logo: false,
  logo_content_type: null,
  logo_updated_at: null,
  updated_at: null,
} as CompanyProfile;

describe('company form', () => {
  it('shows what is stored masked, and sends it back unmasked', () => {
    const values = profileToValues(profile);
    expect(values.cnpj).toBe('11.222.333/0001-81');
    expect(values.address.cep).toBe('01310-100');
    expect(values.phone).toBe('(11) 3456-7890');
    expect(valuesToProfile(values)).toEqual({
      legal_name: 'Impacte Demo Ltda',
      trade_name: 'Impacte',
      cnpj: '11222333000181',
      state_registration: 'Isento',
      municipal_registration: null,
      address: { cep: '01310100', street: 'Avenida Paulista', number: '1000', complement: null, district: 'Bela Vista', city: 'São Paulo', state: 'SP' },
      phone: '+551134567890',
      email: 'contato@impacte.com.br',
      website: null,
      signature_city: null,
    });
  });

  it('sends no address when none of it is filled in', () => {
    const values = profileToValues(undefined);
    expect(valuesToProfile({ ...values, legal_name: 'X', cnpj: '11222333000181' }).address).toBeNull();
  });

  it('checks CNPJ, CEP and phone before sending', () => {
    expect(validateCnpj('')).toBe('Informe o CNPJ.');
    expect(validateCnpj('11.222.333/0001-82')).toBe('CNPJ inválido: confira os dígitos.');
    expect(validateCnpj('11.222.333/0001-81')).toBeNull();
    expect(validateCep('01310-1')).toBe('CEP incompleto.');
    expect(validateCep('')).toBeNull();
    expect(validatePhone('(11) 3456')).toBe('Telefone incompleto.');
    expect(validatePhone('(11) 98765-4321')).toBeNull();
  });

  it('takes PNG or JPEG logos up to 500 KB', () => {
    expect(logoProblem({ type: 'image/png', size: 1000 })).toBeNull();
    expect(logoProblem({ type: 'image/gif', size: 1000 })).toBe('O logo deve ser uma imagem PNG ou JPEG.');
    expect(logoProblem({ type: 'image/jpeg', size: 600 * 1024 })).toContain('500 KB');
  });
});
