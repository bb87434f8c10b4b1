import type { UseFormReturnType } from '@mantine/form';
import { ApiError, errorMessage } from '../api/errors';

/**
 * Puts an API error on a Mantine form: field errors go next to their inputs
 * (API field names, optionally renamed through `aliases`); returns the message
 * to show above the form, or null when every problem landed on a field.
 */
export function applyApiError<T extends object>(
  form: UseFormReturnType<T>,
  error: unknown,
  aliases: Record<string, keyof T & string> = {},
): string | null {
  if (!(error instanceof ApiError)) return errorMessage(error);
  let placed = 0;
  let unplaced = false;
  for (const [apiField, message] of Object.entries(error.fieldErrors)) {
    const field = aliases[apiField] ?? apiField;
    if (field in form.getValues()) {
      form.setFieldError(field, message.charAt(0).toUpperCase() + message.slice(1));
      placed += 1;
    } else {
      unplaced = true;
    }
  }
  return placed > 0 && !unplaced ? null : error.detail;
}

export const requiredText = (message: string) => (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? null : message;

export const emailFormat = (value: unknown) =>
  typeof value === 'string' && /^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Informe um e-mail válido.';
