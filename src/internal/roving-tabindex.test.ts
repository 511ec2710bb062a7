import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { RovingTabindexController } from './roving-tabindex.js';

/** A minimal list: one focusable `<li>` per key, and an "empty" message when there is none. */
class RovingList extends LitElement {
  @property({ attribute: false }) accessor keys: readonly string[] = [];
  readonly roving = new RovingTabindexController<string>(this, {
    items: () => [...this.renderRoot.querySelectorAll<HTMLElement>('li')],
    keyOf: (item) => item.dataset['key'],
    fallback: () => this.renderRoot.querySelector<HTMLElement>('.empty'),
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.roving.sync(this.keys);
  }

  protected override render() {
    if (this.keys.length === 0) return html`<p class="empty" tabindex="-1">Nothing here</p>`;
    return html`<ul @keydown=${this.roving.handleKeydown} @focusin=${this.roving.handleFocusin}>
      ${repeat(
        this.keys,
        (k) => k,
        (k) => html`<li data-key=${k} tabindex=${this.roving.isCurrent(k) ? '0' : '-1'}>${k}<button tabindex="-1">x</button></li>`,
      )}
    </ul>${nothing}`;
  }
}
customElements.define('kit-roving-list', RovingList);

async function mount(keys: string[]): Promise<RovingList> {
  const el = await fixture<RovingList>(html`<kit-roving-list .keys=${keys}></kit-roving-list>`);
  await el.updateComplete;
  return el;
}
const focused = (el: RovingList) => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset['key'] ?? null;
const tabStops = (el: RovingList) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('li[tabindex="0"]')].map((li) => li.dataset['key']);
const item = (el: RovingList, key: string) => el.shadowRoot!.querySelector<HTMLElement>(`li[data-key="${key}"]`)!;

describe('RovingTabindexController', () => {
  it('gives the list one tab stop, on the first item', async () => {
    const el = await mount(['a', 'b', 'c']);
    expect(tabStops(el)).to.deep.equal(['a']);
  });

  it('moves focus and the tab stop with ArrowDown, ArrowUp, Home and End, stopping at the ends', async () => {
    const el = await mount(['a', 'b', 'c', 'd']);
    item(el, 'a').focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(focused(el)).to.equal('b');
    expect(tabStops(el)).to.deep.equal(['b']);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(focused(el)).to.equal('d');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(focused(el)).to.equal('d');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(focused(el)).to.equal('c');
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(focused(el)).to.equal('a');
    expect(tabStops(el)).to.deep.equal(['a']);
  });

  it('moves from a control inside an item, and ignores modified keys', async () => {
    const el = await mount(['a', 'b']);
    item(el, 'a').querySelector('button')!.focus();
    await el.updateComplete;
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ up: 'Shift' });
    await el.updateComplete;
    expect(tabStops(el)).to.deep.equal(['a']);
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(focused(el)).to.equal('b');
  });

  it('follows focus that arrives by click or script', async () => {
    const el = await mount(['a', 'b', 'c']);
    item(el, 'c').focus();
    await el.updateComplete;
    expect(tabStops(el)).to.deep.equal(['c']);
  });

  it('keeps the tab stop on the same key when the items are re-ordered', async () => {
    const el = await mount(['a', 'b', 'c']);
    item(el, 'b').focus();
    await el.updateComplete;
    el.keys = ['c', 'b', 'a'];
    await el.updateComplete;
    expect(tabStops(el)).to.deep.equal(['b']);
  });

  it('moves focus to the neighbour when the focused item disappears, and to the fallback when none is left', async () => {
    const el = await mount(['a', 'b', 'c']);
    item(el, 'b').focus();
    await el.updateComplete;
    el.keys = ['a', 'c'];
    await el.updateComplete;
    expect(focused(el)).to.equal('c');
    expect(tabStops(el)).to.deep.equal(['c']);
    el.keys = [];
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.className).to.equal('empty');
  });

  it('leaves focus alone when an item that did not have focus disappears', async () => {
    const el = await mount(['a', 'b', 'c']);
    const outside = document.createElement('button');
    el.after(outside);
    outside.focus();
    el.keys = ['a', 'c'];
    await el.updateComplete;
    expect(document.activeElement).to.equal(outside);
    outside.remove();
  });
});
