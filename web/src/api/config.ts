/**
 * Runtime configuration. In AWS the static site ships a `/config.json`
 * (`{"api_url": "https://..."}`); locally the stack answers /config.json itself,
 * and a missing or invalid file simply means "the API is on this same origin".
 */
export interface RuntimeConfig {
  /** Base URL the API paths (`/api/...`) are appended to; '' = same origin. */
  apiBaseUrl: string;
}

const CONFIG_TIMEOUT_MS = 5000;

export function normalizeApiBaseUrl(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  const trimmed = raw.trim().replace(/\/+$/, '');
  // The OpenAPI paths already start with /api: accept an api_url given with or without it.
  return trimmed.replace(/\/api$/, '');
}

export async function loadRuntimeConfig(fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CONFIG_TIMEOUT_MS);
  try {
    const response = await fetchImpl('/config.json', {
      cache: 'no-store',
      headers: { Accept: 'application/json' },
      signal: controller.signal,
    });
    if (!response.ok) return { apiBaseUrl: '' };
    const body: unknown = await response.json();
    const apiUrl = body && typeof body === 'object' ? (body as { api_url?: unknown }).api_url : undefined;
    return { apiBaseUrl: normalizeApiBaseUrl(apiUrl) };
  } catch {
    // 404 page served as HTML, network error or timeout: fall back to same origin.
    return { apiBaseUrl: '' };
  } finally {
    clearTimeout(timer);
  }
}
