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

  /** The colour of a card's edge, as the page set it from the card's tone. */
  static edgeColour(card: Locator): Promise<string> {
    return card.evaluate((el) => (el as unknown as { style: { borderLeftColor: string } }).style.borderLeftColor);
  }
}
