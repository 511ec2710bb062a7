import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { WcError } from '../errors.js';
import type { WcErrorEvent } from '../events.js';
import { AttributeErrors } from './attribute-errors.js';

class ErrorsHost extends LitElement {
  readonly errors = new AttributeErrors(this);
  /** Sets `source` to `error` and runs an update, as an element does in willUpdate. */
  async report(source: string, error: WcError | null): Promise<void> {
    this.errors.set(source, error);
    this.requestUpdate();
    await this.updateComplete;
  }
}
customElements.define('kit-errors-host', ErrorsHost);

const bad = (message: string, operation?: WcError['operation']) => new WcError('invalid-option', message, operation ? { operation } : {});

async function setup(): Promise<{ el: ErrorsHost; events: WcErrorEvent[] }> {
  const el = await fixture<ErrorsHost>(html`<kit-errors-host></kit-errors-host>`);
  const events: WcErrorEvent[] = [];
  el.addEventListener('wc-error', (e) => events.push(e));
  return { el, events };
}

describe('AttributeErrors', () => {
  it('fires wc-error once per distinct error of a source, after the update', async () => {
    const { el, events } = await setup();
    await el.report('sort', bad('sort: "bogus"'));
    expect(events).to.have.length(1);
    expect(events[0]!.detail.operation).to.equal('attribute');
    expect(events[0]!.detail.error.message).to.equal('sort: "bogus"');
    expect(events[0]!.bubbles && events[0]!.composed).to.equal(true);
    await el.report('sort', bad('sort: "bogus"'));
    expect(events, 'the same error again').to.have.length(1);
    await el.report('sort', bad('sort: "worse"'));
    expect(events, 'a different error').to.have.length(2);
    await el.report('sort', null);
    await el.report('sort', bad('sort: "worse"'));
    expect(events, 'the same error after a fix').to.have.length(3);
  });

  it('tracks sources apart, and keeps an error’s own operation', async () => {
    const { el, events } = await setup();
    await el.report('a', bad('a is wrong'));
    await el.report('b', bad('b is wrong', 'peer'));
    expect(events.map((e) => e.detail.operation)).to.deep.equal(['attribute', 'peer']);
    expect(el.errors.size).to.equal(2);
    expect(el.errors.get('a')?.message).to.equal('a is wrong');
  });

  it('reports again after forget(), and flush() dispatches outside an update', async () => {
    const { el, events } = await setup();
    await el.report('a', bad('a is wrong'));
    el.errors.forget('a');
    el.errors.set('a', bad('a is wrong'));
    el.errors.flush();
    expect(events).to.have.length(2);
  });
});
