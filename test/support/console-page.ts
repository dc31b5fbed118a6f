// The web console's page as a person sees it: signing in, choosing a channel, typing a command,
// finding a card and clicking its buttons. Locators go by role and visible text where they can.
import type { Locator, Page } from 'playwright-core';

export class ConsolePage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  async signIn(name: string, password?: string): Promise<void> {
    await this.page.locator('#signin-name').fill(name);
    if (password !== undefined) await this.page.locator('#signin-password').fill(password);
    await this.page.locator('.sign-in button[type=submit]').click();
    await this.page.locator('#command-input').waitFor();
  }

  channel(id: string): Locator {
    return this.page.locator(`nav.channels button[data-channel="${id}"]`);
  }

  async goTo(id: string): Promise<void> {
    await this.channel(id).click();
    await this.page.locator(`nav.channels button[data-channel="${id}"][aria-current="page"]`).waitFor();
  }

  async type(command: string): Promise<void> {
    const box = this.page.locator('#command-input');
    await box.fill(command);
    await box.press('Escape');
    await box.press('Enter');
  }

  /** The card (in the message pane) whose title matches. */
  card(title: string | RegExp): Locator {
    return this.page.locator('.messages > .entry > .message:not(.private) article.card', {
      has: this.page.locator('.card-title', { hasText: title }),
    });
  }

  /** The entry (card and its thread) holding the card whose title matches. */
  entry(title: string | RegExp): Locator {
    return this.page.locator('.messages > .entry', {
      has: this.page.locator(':scope > .message:not(.private) .card-title', { hasText: title }),
    });
  }

  dialog(): Locator {
    return this.page.locator('dialog[open]');
  }

  /** What has the keyboard focus (the tests' tsconfig has no DOM types, so these are expressions). */
  focused(): Promise<{ id: string; className: string }> {
    return this.page.evaluate<{ id: string; className: string }>(
      '({ id: document.activeElement?.id ?? "", className: document.activeElement?.className ?? "" })',
    );
  }

  /** How wide the page is laid out, to find anything sticking out past the screen. */
  scrollWidth(): Promise<number> {
    return this.page.evaluate<number>('document.documentElement.scrollWidth');
  }

  /**
   * Records what the page asks of the browser to get attention: each desktop notification (through
   * the real Notification API, which headless Chromium shows nowhere) and each tone the chime starts.
   * Call before the page loads.
   */
  static async spyOnAttention(page: Page): Promise<void> {
    await page.addInitScript(`(() => {
      const seen = { notices: [], tones: 0 };
      window.__attention = seen;
      const Real = window.Notification;
      if (Real) {
        const Spy = function (title, options) {
          const shown = new Real(title, options);
          seen.notices.push({ title, body: (options && options.body) || '', tag: (options && options.tag) || '' });
          return shown;
        };
        Spy.prototype = Real.prototype;
        Object.defineProperty(Spy, 'permission', { get: () => Real.permission });
        Spy.requestPermission = (...args) => Real.requestPermission(...args);
        window.Notification = Spy;
      }
      const start = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function (...args) {
        seen.tones += 1;
        return start.apply(this, args);
      };
    })()`);
  }

  /** The desktop notifications shown so far (spyOnAttention). */
  notices(): Promise<Array<{ title: string; body: string; tag: string }>> {
    return this.page.evaluate<Array<{ title: string; body: string; tag: string }>>('window.__attention.notices');
  }

  /** The chime's tones started so far (spyOnAttention): two per chime. */
  tones(): Promise<number> {
    return this.page.evaluate<number>('window.__attention.tones');
  }

  /**
   * The person switches to another tab (headless Chromium keeps every page visible and focused,
   * so the page is told as the browser would tell it), or comes back.
   */
  async away(gone: boolean): Promise<void> {
    await this.page.evaluate(`(() => {
      if (${gone}) {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      } else {
        delete document.visibilityState;
        delete document.hidden;
      }
      document.dispatchEvent(new Event('visibilitychange'));
    })()`);
  }

  /** The colour of a card's edge, as the page set it from the card's tone. */
  static edgeColour(card: Locator): Promise<string> {
    return card.evaluate((el) => (el as unknown as { style: { borderLeftColor: string } }).style.borderLeftColor);
  }
}
