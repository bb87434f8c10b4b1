/** Form helpers shared by the client and company forms: text fields and the postal address. */
import { formatCep, unmaskCep } from './masks';

/** A text field's form value: what the API stores, or '' for nothing. */
export const orEmpty = (value: string | null | undefined) => value ?? '';

/** What the API stores for a typed text: trimmed, or null when blank. */
export const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The address as typed (masked CEP, UF picked from a list). */
export interface AddressValues {
  cep: string;
  street: string;
  number: string;
  complement: string;
  district: string;
  city: string;
  state: string | null;
}

interface StoredAddress {
  cep?: string | null;
  street?: string | null;
  number?: string | null;
  complement?: string | null;
  district?: string | null;
  city?: string | null;
  state?: string | null;
}

/** The API's address (or none) -> form values. */
export function addressToValues(address: StoredAddress | null | undefined): AddressValues {
  return {
    cep: formatCep(address?.cep),
    street: orEmpty(address?.street),
    number: orEmpty(address?.number),
    complement: orEmpty(address?.complement),
    district: orEmpty(address?.district),
    city: orEmpty(address?.city),
    state: address?.state ?? null,
  };
}

/** Form values -> the API's address (unmasked CEP, trimmed texts), or null when every field is blank. */
export function valuesToAddress(v: AddressValues) {
  const address = {
    cep: unmaskCep(v.cep),
    street: blankToNull(v.street),
    number: blankToNull(v.number),
    complement: blankToNull(v.complement),
    district: blankToNull(v.district),
    city: blankToNull(v.city),
    state: v.state || null,
  };
  return Object.values(address).some((value) => value !== null) ? address : null;
}
