// The error for "no database engine can be started here", worded so the reader knows what to install.

/** What a Debian/Ubuntu machine needs for the embedded engine (Maven only for the first start). */
export const ENGINE_INSTALL_HINT = 'apt-get install -y openjdk-17-jre-headless maven';

export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
