// A console message's files (charts, workbooks): the browser is sent their addresses, not their
// bytes, and fetches each from the console (`GET /api/messages/:id/files/:index?lang=`), which reads
// it from the stored message after checking the viewer may see that message.
import type { Attachment, Message } from '../card.js';

/** Where the console serves file `index` of message `messageId` in language `locale` (absent: the message's own). */
export function fileUrl(messageId: string, index: number, locale?: string): string {
  const lang = locale ? `?lang=${encodeURIComponent(locale)}` : '';
  return `/api/messages/${encodeURIComponent(messageId)}/files/${index}${lang}`;
}

/** `message` with every file's bytes replaced by its address on the console (translations too). */
export function withFileUrls(message: Message, messageId: string, locale?: string): Message {
  const translations = message.translations;
  const files = Array.isArray(message.attachments) ? message.attachments : undefined;
  return {
    ...message,
    ...(files
      ? { attachments: files.map((file, i): Attachment => ({ ...file, data: '', url: fileUrl(messageId, i, locale) })) }
      : {}),
    ...(translations && typeof translations === 'object'
      ? {
          translations: Object.fromEntries(
            Object.entries(translations).map(([lang, other]) => [lang, withFileUrls(other, messageId, lang)]),
          ),
        }
      : {}),
  };
}
