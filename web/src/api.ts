// The page's side of the API: the bearer token (from the URL fragment `#token=...` once, then the session), JSON
// calls, and the event stream read through fetch (EventSource cannot send an Authorization header).

const TOKEN_KEY = 'dmvpn-watch-token';

export class Unauthorized extends Error {}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Takes a token from `#token=...` into the session store and removes it from the address bar. */
export function adoptTokenFromFragment(): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return;
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]!));
  history.replaceState(null, '', location.pathname + location.search + '#/findings');
}

export const token = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const setToken = (value: string): void => sessionStorage.setItem(TOKEN_KEY, value);
export const forgetToken = (): void => sessionStorage.removeItem(TOKEN_KEY);

export async function api<T>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token() ?? ''}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) throw new Unauthorized('the token was refused');
  const data = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new ApiError(response.status, data.error ?? `HTTP ${response.status}`);
  return data;
}

export interface StreamHandlers {
  onEvent(type: string, data: unknown): void;
  onStatus(connected: boolean): void;
  onUnauthorized(): void;
}

/** Reads /api/events for as long as the page lives, reconnecting with a growing pause when the stream drops. */
export async function followEvents(types: string, handlers: StreamHandlers): Promise<void> {
  let pause = 1000;
  for (;;) {
    try {
      const response = await fetch(`/api/events?types=${types}`, {
        headers: { authorization: `Bearer ${token() ?? ''}` },
      });
      if (response.status === 401) {
        handlers.onUnauthorized();
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(': connected')) {
            handlers.onStatus(true);
            pause = 1000;
          }
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (type && data) handlers.onEvent(type, JSON.parse(data));
        }
      }
    } catch {
      // Dropped or refused: the status shows it and the loop tries again.
    }
    handlers.onStatus(false);
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 30_000);
  }
}
