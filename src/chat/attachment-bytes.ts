// The bytes of a message's file, for the adapters that send it (card.ts stays free of Node types:
// the console's page imports it too).
import type { Attachment } from './card.js';

/** The bytes of `attachment` (its base64 `data` decoded). */
export function attachmentBytes(attachment: Attachment): Buffer {
  return Buffer.from(attachment.data, 'base64');
}
