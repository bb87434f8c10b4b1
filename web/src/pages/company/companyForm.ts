/** Dados da empresa: the form's values <-> the profile the API stores (unmasked CNPJ/CEP, E.164 phone). */
import type { CompanyProfile, CompanyProfileUpdate } from '../../api/types';
import { addressToValues, blankToNull, orEmpty, valuesToAddress, type AddressValues } from '../../lib/addressForm';
import { formatPhone, isValidCnpj, phoneToE164, unmaskCep, unmaskDocument } from '../../lib/masks';

export interface CompanyFormValues {
  legal_name: string;
  trade_name: string;
  cnpj: string;
  state_registration: string;
  municipal_registration: string;
  address: AddressValues;
  phone: string;
  email: string;
  website: string;
  signature_city: string;
}

const s = orEmpty;
const t = blankToNull;

export function profileToValues(profile: CompanyProfile | undefined): CompanyFormValues {
  return {
    legal_name: s(profile?.legal_name),
    trade_name: s(profile?.trade_name),
    cnpj: s(profile?.cnpj),
    state_registration: s(profile?.state_registration),
    municipal_registration: s(profile?.municipal_registration),
    address: addressToValues(profile?.address),
    phone: formatPhone(profile?.phone),
    email: s(profile?.email),
    website: s(profile?.website),
    signature_city: s(profile?.signature_city),
  };
}

export function valuesToProfile(v: CompanyFormValues): CompanyProfileUpdate {
  return {
    legal_name: v.legal_name.trim(),
    trade_name: t(v.trade_name),
    cnpj: unmaskDocument(v.cnpj),
    state_registration: t(v.state_registration),
    municipal_registration: t(v.municipal_registration),
    address: valuesToAddress(v.address),
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
