/**
 * API errors: `{"detail": "<pt-BR text>", "errors"?: [{"field", "message"}]}`.
 * Also copes with FastAPI's raw validation shape (`detail: [{loc, msg}]`).
 */
import { pluralMinutes, retryAfterMinutes } from '../lib/format';

export type FieldErrors = Record<string, string>;

const FALLBACK_BY_STATUS: Record<number, string> = {
  0: 'Não foi possível conectar ao servidor. Verifique sua conexão e tente novamente.',
  400: 'Não foi possível concluir a solicitação. Verifique os dados informados.',
  401: 'Sua sessão expirou. Entre novamente.',
  403: 'Você não tem permissão para realizar esta ação.',
  404: 'Registro não encontrado.',
  409: 'Este registro entra em conflito com outro já existente.',
  422: 'Verifique os dados informados.',
  429: 'Muitas tentativas. Aguarde alguns minutos e tente novamente.',
};

const SERVER_ERROR = 'Ocorreu um erro no servidor. Tente novamente em instantes.';

export class ApiError extends Error {
  readonly status: number;
  readonly detail: string;
  readonly fieldErrors: FieldErrors;
  /** Seconds from the Retry-After header (HTTP 429), when sent. */
  readonly retryAfterSeconds: number | null;
  /** Field errors by full dotted path ("address.cep", "values.installments"), for nested forms. */
  readonly fieldPaths: FieldErrors;
  /** The parsed error body (e.g. `existing_client_id` of a 409). */
  readonly payload: unknown;

  constructor(
    status: number,
    detail: string,
    fieldErrors: FieldErrors = {},
    retryAfterSeconds: number | null = null,
    fieldPaths: FieldErrors = {},
    payload: unknown = null,
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
    this.retryAfterSeconds = retryAfterSeconds;
    this.fieldPaths = fieldPaths;
    this.payload = payload;
  }
}

function fallbackMessage(status: number): string {
  return FALLBACK_BY_STATUS[status] ?? (status >= 500 ? SERVER_ERROR : 'Não foi possível concluir a solicitação.');
}

const LOCATIONS = new Set(['body', 'query', 'path', 'header']);

/**
 * The parts of an error's field, without the request location ("body.email" / ["body", "email"] -> email).
 * A lone "body" in the API's own `errors[].field` (already relative to the request body) is the field named
 * `body` — a message's text in Agendamentos — not the location.
 */
function fieldParts(raw: unknown, appFormat: boolean): string[] {
  const parts = (Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split('.') : []).filter(
    (part) => part !== '',
  );
  if (appFormat && parts.length === 1) return parts;
  return parts[0] !== undefined && LOCATIONS.has(parts[0]) ? parts.slice(1) : parts;
}

/** "email" / "body.email" / ["body", "email"] / "modules.0" -> the form field: "email", "modules". */
function fieldName(raw: unknown, appFormat: boolean): string | null {
  return fieldParts(raw, appFormat)[0] ?? null;
}

/** "body.address.cep" / ["body", "address", "cep"] -> "address.cep". */
function fieldPath(raw: unknown, appFormat: boolean): string | null {
  const path = fieldParts(raw, appFormat).join('.');
  return path === '' ? null : path;
}

function collectFieldErrors(payload: Record<string, unknown>, byPath = false): FieldErrors {
  const result: FieldErrors = {};
  const add = (field: unknown, message: unknown, appFormat = false) => {
    const name = byPath ? fieldPath(field, appFormat) : fieldName(field, appFormat);
    if (name && typeof message === 'string' && !(name in result)) result[name] = message;
  };
  if (Array.isArray(payload.errors)) {
    for (const item of payload.errors) {
      if (item && typeof item === 'object') add((item as { field?: unknown }).field, (item as { message?: unknown }).message, true);
    }
  }
  if (Array.isArray(payload.detail)) {
    for (const item of payload.detail) {
      if (item && typeof item === 'object') add((item as { loc?: unknown }).loc, (item as { msg?: unknown }).msg);
    }
  }
  return result;
}

function parseRetryAfter(response: Response | undefined): number | null {
  const raw = response?.headers.get('Retry-After');
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - Date.now()) / 1000));
}

/** Builds an ApiError from openapi-fetch's `error` (parsed JSON or text) and the response. */
export function toApiError(payload: unknown, response: Response | undefined): ApiError {
  const status = response?.status ?? 0;
  const retryAfter = parseRetryAfter(response);
  let detail: string | null = null;
  let fieldErrors: FieldErrors = {};
  let fieldPaths: FieldErrors = {};
  if (payload && typeof payload === 'object') {
    const body = payload as Record<string, unknown>;
    if (typeof body.detail === 'string' && body.detail.trim() !== '') detail = body.detail;
    fieldErrors = collectFieldErrors(body);
    fieldPaths = collectFieldErrors(body, true);
  }
  if (!detail && status === 429 && retryAfter !== null) {
    detail = `Muitas tentativas. Tente novamente em ${pluralMinutes(retryAfterMinutes(retryAfter))}.`;
  }
  return new ApiError(status, detail ?? fallbackMessage(status), fieldErrors, retryAfter, fieldPaths, payload ?? null);
}

/** Any thrown value -> a pt-BR message fit for the UI. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  return fallbackMessage(0);
}

interface FetchResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError. */
export async function unwrap<D>(call: Promise<FetchResult<D>>): Promise<D> {
  let result: FetchResult<D>;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(0, fallbackMessage(0));
  }
  if (!result.response.ok) throw toApiError(result.error, result.response);
  return result.data as D;
}
