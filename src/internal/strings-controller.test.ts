import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { FakeController } from '../../test/helpers/fake-controller.js';
import '../elements/session-list/define.js';
import type { WcSessionList } from '../elements/session-list/session-list.js';
import { registerStrings } from '../strings.js';
import { StringsController } from './strings-controller.js';
import { addStrings, type Locales } from './strings.js';

type Greeting = { hello: string; bye: (name: string) => string };
const greetings: Locales<Greeting> = {
  en: { hello: 'Hello', bye: (name) => `Bye ${name}` },
  de: { hello: 'Hallo' },
};

class StringsHost extends LitElement {
  @property({ attribute: false }) accessor strings: Partial<Greeting> | null = null;
  readonly t = new StringsController(this, greetings, () => this.strings);
  protected override render() {
    const t = this.t.value;
    return html`<p>${t.hello}, ${t.bye('Ada')}</p>`;
  }
}
customElements.define('kit-strings-host', StringsHost);

const shown = (el: LitElement) => el.shadowRoot!.querySelector('p')!.textContent;

describe('StringsController', () => {
  it('picks the table of the nearest lang, English for what it lacks, overrides on top', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de-AT"><kit-strings-host></kit-strings-host></div>`);
    const el = wrapper.querySelector<StringsHost>('kit-strings-host')!;
    await el.updateComplete;
    expect(shown(el)).to.equal('Hallo, Bye Ada');
    expect(el.t.lang).to.equal('de-at');
    el.strings = { bye: (name) => `Tschüss ${name}` };
    await el.updateComplete;
    expect(shown(el)).to.equal('Hallo, Tschüss Ada');
  });

  it('keeps the same table object while nothing changed', async () => {
    const el = await fixture<StringsHost>(html`<kit-strings-host lang="en"></kit-strings-host>`);
    const first = el.t.value;
    el.requestUpdate();
    await el.updateComplete;
    expect(el.t.value).to.equal(first);
  });

  it('re-renders a connected element when a language is added; the exact tag wins over its base', async () => {
    const el = await fixture<StringsHost>(html`<kit-strings-host lang="x-kit-a"></kit-strings-host>`);
    expect(shown(el)).to.equal('Hello, Bye Ada');
    addStrings(greetings, 'x-kit-a', { hello: 'Salut' });
    await el.updateComplete;
    expect(shown(el)).to.equal('Salut, Bye Ada');
    addStrings(greetings, 'de-ch', { bye: (name) => `Adieu ${name}` });
    el.lang = 'de-CH';
    el.requestUpdate();
    await el.updateComplete;
    expect(shown(el), 'de-ch entries over de entries over English').to.equal('Hallo, Adieu Ada');
  });
});

describe('registerStrings', () => {
  it('adds a language to a real element, which re-renders', async () => {
    const controller = new FakeController({ sessions: [] });
    const el = await fixture<WcSessionList>(html`<wc-session-list lang="x-kit" .controller=${controller}></wc-session-list>`);
    const empty = () => el.shadowRoot!.querySelector('[part="empty"]')!.textContent;
    expect(empty()).to.equal('No wallet connected');
    registerStrings('X-Kit', { sessionList: { empty: 'Rien ici' } });
    await el.updateComplete;
    expect(empty()).to.equal('Rien ici');
  });

  it('rejects an unknown element name and an empty language', () => {
    expect(() => registerStrings('x-kit', { sesionList: {} } as never)).to.throw(TypeError, /sesionList/);
    expect(() => registerStrings(' ', { connect: {} })).to.throw(TypeError);
  });
});
