// Files in FakeSlack: the external upload flow @slack/web-api's filesUploadV2 calls (read in its
// dist/WebClient.js): files.getUploadURLExternal (filename, length) → the bytes POSTed to the
// upload_url it answered (multipart, field `body`, or raw) → files.completeUploadExternal
// (files [{id, title}], channel_id, thread_ts) sharing them in a channel, as Slack does.

type Json = Record<string, unknown>;

/** A file as the fake keeps it, with the bytes that were uploaded for it. */
export interface StoredFile {
  id: string;
  name: string;
  title?: string;
  /** What getUploadURLExternal was told the length would be. */
  length: number;
  bytes?: Buffer;
  /** Where completeUploadExternal shared it, and under which message (a thread) if any. */
  channel?: string;
  threadTs?: string;
  completed: boolean;
}

export class SlackFiles {
  private readonly files = new Map<string, StoredFile>();
  private counter = 0;

  constructor(private readonly baseUrl: string) {}

  getUploadURL(body: Json): Json {
    const name = typeof body.filename === 'string' ? body.filename : '';
    const length = Number(body.length);
    if (!name) return { ok: false, error: 'invalid_arguments' };
    if (!Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
    const id = `F${String(++this.counter).padStart(9, '0')}`;
    this.files.set(id, { id, name, length, completed: false });
    return { ok: true, upload_url: `${this.baseUrl}/upload/${id}`, file_id: id };
  }

  /** The POST to an upload_url: 200 and `OK - <length>` as Slack's file servers answer, 404 for an unknown id. */
  async upload(id: string, raw: Buffer, contentType: string | undefined): Promise<{ status: number; text: string }> {
    const file = this.files.get(id);
    if (!file) return { status: 404, text: 'not found' };
    let bytes = raw;
    if (contentType?.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      const part = [...form.values()].find((value) => typeof value !== 'string');
      if (!part || typeof part === 'string') return { status: 400, text: 'no file part' };
      bytes = Buffer.from(await part.arrayBuffer());
    }
    if (bytes.length !== file.length)
      return { status: 400, text: `expected ${file.length} bytes, got ${bytes.length}` };
    file.bytes = bytes;
    return { status: 200, text: `OK - ${bytes.length}` };
  }

  /** Shares uploaded files; answers `{ok, files}`, or an error for a file never uploaded. */
  complete(body: Json): Json {
    const listed = Array.isArray(body.files) ? (body.files as Json[]) : [];
    if (listed.length === 0) return { ok: false, error: 'invalid_arguments' };
    const found = listed.map((entry) => ({ entry, file: this.files.get(String(entry.id)) }));
    if (found.some(({ file }) => !file?.bytes)) return { ok: false, error: 'file_not_found' };
    const channel = typeof body.channel_id === 'string' ? body.channel_id : undefined;
    const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
    for (const { entry, file } of found) {
      file!.completed = true;
      if (typeof entry.title === 'string') file!.title = entry.title;
      if (channel) file!.channel = channel;
      if (threadTs) file!.threadTs = threadTs;
    }
    return { ok: true, files: found.map(({ file }) => ({ id: file!.id, name: file!.name, title: file!.title })) };
  }

  /** Files shared in `channel`, in the order they were asked for. */
  sharedIn(channel: string): StoredFile[] {
    return [...this.files.values()].filter((file) => file.completed && file.channel === channel);
  }
}
