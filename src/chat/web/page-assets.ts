// The built page (dist/web/app.js and app.css, made by `npm run build`), read from disk and kept
// while unchanged. Nothing is fetched from anywhere else, at build time or at run time.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

const TYPES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.js.map': 'application/json; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'app.css.map': 'application/json; charset=utf-8',
};

export interface Asset {
  body: Buffer;
  type: string;
  /** A hash of the content: the ETag, and the `?v=` that makes a new build load at once. */
  version: string;
}

export class PageAssets {
  private readonly cache = new Map<string, { mtimeMs: number; asset: Asset }>();

  constructor(private readonly dir: string) {}

  async get(name: string): Promise<Asset | undefined> {
    const type = Object.hasOwn(TYPES, name) ? TYPES[name] : undefined;
    if (!type) return undefined;
    const path = join(this.dir, name);
    const info = await stat(path).catch(() => undefined);
    if (!info) return undefined;
    const cached = this.cache.get(name);
    if (cached?.mtimeMs === info.mtimeMs) return cached.asset;
    const body = await readFile(path);
    const asset = { body, type, version: createHash('sha256').update(body).digest('hex').slice(0, 16) };
    this.cache.set(name, { mtimeMs: info.mtimeMs, asset });
    return asset;
  }
}
