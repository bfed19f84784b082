/** Shared by the emulator's own tests: a tiny fetch wrapper that authenticates like a real client. */
import type { Emulator } from './index.js';

export const USER = 'ci@example.com';
export const TOKEN = 'emulator-token';

export function basic(user = USER, token = TOKEN): string {
  return `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON shapes
  json: any;
}

export function api(emu: Emulator, auth = emu.flavor === 'cloud' ? basic() : `Bearer ${TOKEN}`) {
  const origin = `http://127.0.0.1:${emu.port}`;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { Authorization: auth, ...headers } };
    if (body !== undefined) {
      if (body instanceof FormData || typeof body === 'string' || body instanceof Uint8Array)
        init.body = body as RequestInit['body'];
      else {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
      }
    }
    const res = await fetch(`${origin}${path}`, init);
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined; // not JSON (401 text/plain, downloads)
    }
    return { status: res.status, headers: res.headers, text, json } as Answer;
  };
  return {
    origin,
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) =>
      call('POST', path, body, headers),
    put: (path: string, body?: unknown, headers?: Record<string, string>) => call('PUT', path, body, headers),
    del: (path: string) => call('DELETE', path),
  };
}

export const storage = (value: string) => ({ representation: 'storage', value });
