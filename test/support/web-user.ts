// A person using the web console's API as the page does: a cookie, the CSRF token, JSON both ways,
// and the live stream read as Server-Sent Events.
import type { InteractionResult, Me, WebMessageView } from '../../src/chat/web/api-types.js';

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  /** Replaces (or with '' leaves out) the CSRF header. */
  csrf?: string;
  headers?: Record<string, string>;
  /** Sent as is, not as JSON. */
  raw?: string;
}

export class WebUser {
  cookie = '';
  csrf = '';
  me: Me | undefined;

  constructor(readonly baseUrl: string) {}

  static async signIn(baseUrl: string, name: string, password?: string): Promise<WebUser> {
    const user = new WebUser(baseUrl);
    const answer = await user.signIn(name, password);
    if (answer.status !== 200) throw new Error(`sign-in as ${name} answered ${answer.status}`);
    return user;
  }

  async signIn(name: string, password?: string): Promise<Answer<Me>> {
    const answer = await this.call<Me>('POST', '/api/session', password === undefined ? { name } : { name, password });
    if (answer.status === 200) {
      this.me = answer.body;
      this.csrf = answer.body.csrf;
    }
    return answer;
  }

  async call<T = unknown>(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    const csrf = options.csrf ?? this.csrf;
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (the page): kept as text.
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** A file the console serves (a chart, a workbook) as bytes, with its content type. */
  async download(path: string): Promise<{ status: number; bytes: Buffer; contentType: string; disposition: string }> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: this.cookie ? { cookie: this.cookie } : {} });
    return {
      status: res.status,
      bytes: Buffer.from(await res.arrayBuffer()),
      contentType: res.headers.get('content-type') ?? '',
      disposition: res.headers.get('content-disposition') ?? '',
    };
  }

  command(channelId: string, text: string, requestId?: string) {
    return this.call<InteractionResult>('POST', '/api/commands', {
      channelId,
      text,
      ...(requestId ? { requestId } : {}),
    });
  }

  click(messageId: string, actionId: string, value: string) {
    return this.call<{ form?: { id: string; privateValue?: string } }>('POST', '/api/actions', {
      messageId,
      actionId,
      value,
    });
  }

  history(channelId: string) {
    return this.call<{ messages: WebMessageView[]; more: boolean }>(
      'GET',
      `/api/channels/${encodeURIComponent(channelId)}/messages`,
    );
  }

  /** Opens the live stream; events are collected in `events` until close(). */
  async stream(lastEventId?: string): Promise<LiveStream> {
    const controller = new AbortController();
    const headers: Record<string, string> = { cookie: this.cookie };
    if (lastEventId) headers['last-event-id'] = lastEventId;
    const res = await fetch(`${this.baseUrl}/api/stream`, { headers, signal: controller.signal });
    return new LiveStream(res, controller);
  }
}

export interface StreamEvent {
  event: string;
  id?: string;
  data: string;
}

export class LiveStream {
  readonly events: StreamEvent[] = [];
  readonly ended: Promise<void>;

  constructor(
    readonly response: Response,
    private readonly controller: AbortController,
  ) {
    this.ended = this.read().catch(() => undefined);
  }

  messages(): WebMessageView[] {
    return this.events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data) as WebMessageView);
  }

  close(): void {
    this.controller.abort();
  }

  private async read(): Promise<void> {
    if (!this.response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of this.response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: StreamEvent = { event: 'message', data: '' };
        let data = false;
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) event.event = line.slice(7);
          else if (line.startsWith('id: ')) event.id = line.slice(4);
          else if (line.startsWith('data: ')) {
            event.data = line.slice(6);
            data = true;
          }
        }
        if (data) this.events.push(event);
      }
    }
  }
}
