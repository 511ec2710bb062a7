import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { Announcer } from './announcer.js';

class AnnouncerHost extends LitElement {
  readonly announcer = new Announcer(this);
  protected override render() {
    return html`<div role="status">${this.announcer.text}</div>`;
  }
  get region(): HTMLElement {
    return this.shadowRoot!.querySelector('[role="status"]')!;
  }
}
customElements.define('kit-announcer-host', AnnouncerHost);

/** Every text the live region showed while `run` went on. */
async function texts(el: AnnouncerHost, run: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const observer = new MutationObserver(() => seen.push(el.region.textContent ?? ''));
  observer.observe(el.region, { subtree: true, childList: true, characterData: true });
  await run();
  await el.updateComplete;
  await new Promise((r) => queueMicrotask(() => r(null)));
  observer.disconnect();
  return seen;
}

describe('Announcer', () => {
  it('clears the live region before setting a message, so the same message is announced twice', async () => {
    const el = await fixture<AnnouncerHost>(html`<kit-announcer-host></kit-announcer-host>`);
    await el.announcer.announce('Ping: 42 ms');
    await el.updateComplete;
    expect(el.region.textContent).to.equal('Ping: 42 ms');
    const seen = await texts(el, () => el.announcer.announce('Ping: 42 ms'));
    expect(seen).to.deep.equal(['', 'Ping: 42 ms']);
  });

  it('lets the later of two quick messages win', async () => {
    const el = await fixture<AnnouncerHost>(html`<kit-announcer-host></kit-announcer-host>`);
    const first = el.announcer.announce('first');
    const second = el.announcer.announce('second');
    await Promise.all([first, second]);
    await el.updateComplete;
    expect(el.region.textContent).to.equal('second');
  });

  it('set() replaces the text at once', async () => {
    const el = await fixture<AnnouncerHost>(html`<kit-announcer-host></kit-announcer-host>`);
    el.announcer.set('Connecting…');
    await el.updateComplete;
    expect(el.region.textContent).to.equal('Connecting…');
    expect(el.announcer.text).to.equal('Connecting…');
  });
});
