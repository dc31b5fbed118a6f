// Phone numbers sealed with AES-256-GCM under DUTY_PHONE_KEY (32 bytes, base64), so the database
// holds none in plain text (issue 17: personal data). A number is opened only to put it in a
// pager call's body; it is shown masked (`138****5678`) and never logged.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Secret } from '../../../config/secret.js';

/** `+86 138-1234-5678` → `+8613812345678`; undefined when it is not 6–20 digits with an optional `+`. */
export function normalizePhone(typed: string): string | undefined {
  const compact = typed.replace(/[\s()-]/g, '');
  return /^\+?\d{6,20}$/.test(compact) ? compact : undefined;
}

/** All but the first three and last four digits hidden: `138****5678`. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return `${phone.slice(0, 1)}****`;
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** Seals and opens phone numbers under one AES-256-GCM key. */
export class PhoneBox {
  private readonly key: Buffer;

  /** Throws when the key is not 32 bytes of base64 (config checks that at start). */
  constructor(key: Secret) {
    this.key = Buffer.from(key.reveal(), 'base64');
    if (this.key.length !== 32) throw new Error('DUTY_PHONE_KEY must be 32 bytes, base64');
  }

  /** `v1:<iv>:<tag>:<ciphertext>`, each base64; a new random IV each time. */
  seal(phone: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  /** The number, or undefined when it was sealed under another key or tampered with. */
  open(sealed: string): string | undefined {
    const [version, iv, tag, body] = sealed.split(':');
    if (version !== 'v1' || !iv || !tag || body === undefined) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
