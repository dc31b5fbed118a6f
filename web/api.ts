// Talking to Zhiban's /api: JSON both ways, the session's CSRF token on every change, refusals as ApiFailure.
import { CSRF_HEADER, type ApiError } from '../src/chat/web/api-types.js';

let csrf = '';

export function setCsrf(token: string): void {
  csrf = token;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly retryAfter?: number,
  ) {
    super(code);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers[CSRF_HEADER] = csrf;
  const response = await fetch(`/api${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => ({ error: 'unreadable', details: [] }))) as T | ApiError;
  if (!response.ok) {
    const retry = Number(response.headers.get('Retry-After'));
    throw new ApiFailure(response.status, (data as ApiError).error, Number.isFinite(retry) ? retry : undefined);
  }
  return data as T;
}

/** One id per submission, so a retried request does its thing once. */
export function requestId(): string {
  return crypto.randomUUID();
}
