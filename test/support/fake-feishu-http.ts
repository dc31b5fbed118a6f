// The HTTP side of FakeFeishu: bodies read as Feishu reads them (JSON, or multipart as the SDK's
// axios sends an upload), cards checked as Feishu checks them, and answers in Feishu's shape.
import type { IncomingMessage } from 'node:http';
import type { FakeMessage } from './fake-feishu-messages.js';

type Json = Record<string, unknown>;

/** Feishu refuses a card over 30 KB. */
const MAX_CARD_BYTES = 30 * 1024;

export interface FilePart {
  name: string;
  bytes: Buffer;
}

export function isFilePart(value: unknown): value is FilePart {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as FilePart).bytes);
}

export function uuidOf(body: Json): { uuid?: string } {
  return typeof body.uuid === 'string' && body.uuid ? { uuid: body.uuid } : {};
}

export function messageData(message: FakeMessage): Json {
  return {
    message_id: message.message_id,
    chat_id: message.chat_id,
    msg_type: 'interactive',
    ...(message.parent_id ? { parent_id: message.parent_id, root_id: message.parent_id } : {}),
  };
}

/** The card of a send or patch: interactive, JSON 2.0 with a body, within 30 KB. */
export function readCard(body: Json): { card: Json } | { error: { status: number; body: Json } } {
  if (body.msg_type !== 'interactive') return { error: fail(400, 230001, 'msg_type') };
  const content = typeof body.content === 'string' ? body.content : '';
  if (Buffer.byteLength(content, 'utf8') > MAX_CARD_BYTES)
    return { error: fail(400, 230025, 'card content too large') };
  try {
    const card = JSON.parse(content) as Json;
    const elements = (card.body as { elements?: unknown } | undefined)?.elements;
    if (card.schema !== '2.0' || !Array.isArray(elements)) return { error: fail(400, 200621, 'card parse failed') };
    return { card };
  } catch {
    return { error: fail(400, 200621, 'card content is not JSON') };
  }
}

export function ok(body: Json, wrap = true): { status: number; body: Json } {
  return { status: 200, body: wrap ? { code: 0, msg: 'success', ...body } : { code: 0, msg: 'ok', ...body } };
}

/**
 * A multipart body read by hand: undici's FormData reads a part without a file name as text, and the
 * SDK's axios (through the form-data package) sends a Buffer that way. A part with a file name, or
 * with a Content-Type of its own, is kept as bytes.
 */
function parseMultipart(raw: Buffer, boundary: string): Json {
  const out: Json = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length + 2;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    const part = raw.subarray(start, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const bytes = Buffer.from(part.subarray(split + 4));
    const name = /name="([^"]*)"/.exec(head)?.[1];
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (name)
      out[name] =
        filename !== undefined || /content-type:/i.test(head)
          ? { name: filename ?? '', bytes }
          : bytes.toString('utf8');
    at = next;
  }
  return out;
}

export function fail(status: number, code: number, msg: string): { status: number; body: Json } {
  return { status, body: { code, msg } };
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON, or multipart/form-data (an upload: a part with a file name, or with bytes only, as its name and bytes). */
export async function parseBody(raw: Buffer, contentType: string): Promise<Json> {
  if (raw.length === 0) return {};
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (contentType.startsWith('multipart/form-data') && boundary)
    return parseMultipart(raw, boundary[1] ?? boundary[2]!);
  try {
    return JSON.parse(raw.toString('utf8')) as Json;
  } catch {
    return { raw: raw.toString('utf8') };
  }
}
