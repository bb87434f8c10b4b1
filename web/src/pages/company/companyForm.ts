/** Dados da empresa: the form's values <-> the profile the API stores (unmasked CNPJ/CEP, E.164 phone). */
import type { CompanyProfile, CompanyProfileUpdate } from '../../api/types';
import { formatCep, formatPhone, isValidCnpj, phoneToE164, unmaskCep, unmaskDocument } from '../../lib/masks';

export interface CompanyFormValues {
  legal_name: string;
  trade_name: string;
  cnpj: string;
  state_registration: string;
  municipal_registration: string;
  address: { cep: string; street: string; number: string; complement: string; district: string; city: string; state: string | null };
  phone: string;
  email: string;
  website: string;
  signature_city: string;
}

const s = (value: string | null | undefined) => value ?? '';
const t = (value: string) => (value.trim() === '' ? null : value.trim());

export function profileToValues(profile: CompanyProfile | undefined): CompanyFormValues {
  const address = profile?.address;
  return {
    legal_name: s(profile?.legal_name),
    trade_name: s(profile?.trade_name),
    cnpj: s(profile?.cnpj),
    state_registration: s(profile?.state_registration),
    municipal_registration: s(profile?.municipal_registration),
    address: {
      cep: formatCep(address?.cep),
      street: s(address?.street),
      number: s(address?.number),
      complement: s(address?.complement),
      district: s(address?.district),
      city: s(address?.city),
      state: address?.state ?? null,
    },
    phone: formatPhone(profile?.phone),
    email: s(profile?.email),
    website: s(profile?.website),
    signature_city: s(profile?.signature_city),
  };
}

export function valuesToProfile(v: CompanyFormValues): CompanyProfileUpdate {
  const address = {
    cep: unmaskCep(v.address.cep),
    street: t(v.address.street),
    number: t(v.address.number),
    complement: t(v.address.complement),
    district: t(v.address.district),
    city: t(v.address.city),
    state: v.address.state || null,
  };
  return {
    legal_name: v.legal_name.trim(),
    trade_name: t(v.trade_name),
    cnpj: unmaskDocument(v.cnpj),
    state_registration: t(v.state_registration),
    municipal_registration: t(v.municipal_registration),
    address: Object.values(address).some((value) => value !== null) ? address : null,
    phone: phoneToE164(v.phone),
    email: t(v.email),
    website: t(v.website),
    signature_city: t(v.signature_city),
  };
}

export function validateCnpj(value: string): string | null {
  if (unmaskDocument(value) === '') return 'Informe o CNPJ.';
  return isValidCnpj(value) ? null : 'CNPJ inválido: confira os dígitos.';
}

export function validateCep(value: string): string | null {
  const digits = unmaskCep(value);
  return digits && digits.length !== 8 ? 'CEP incompleto.' : null;
}

export function validatePhone(value: string): string | null {
  const digits = value.replace(/\D/g, '');
  return digits !== '' && digits.length !== 10 && digits.length !== 11 ? 'Telefone incompleto.' : null;
}

/** The logo the company may upload: PNG or JPEG up to 500 KB (the API checks it again). */
export const LOGO_MAX_BYTES = 500 * 1024;

export function logoProblem(file: { type: string; size: number }): string | null {
  if (file.type !== 'image/png' && file.type !== 'image/jpeg') return 'O logo deve ser uma imagem PNG ou JPEG.';
  if (file.size > LOGO_MAX_BYTES) return 'O logo passa de 500 KB. Reduza a imagem e envie de novo.';
  return null;
}
