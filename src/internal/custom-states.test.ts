import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { CustomStates } from './custom-states.js';

class StatesHost extends LitElement {
  readonly states = new CustomStates(this.attachInternals());
}
customElements.define('kit-states-host', StatesHost);

describe('CustomStates', () => {
  it('sets and clears :state()s the page can select', async () => {
    const el = await fixture<StatesHost>(html`<kit-states-host></kit-states-host>`);
    el.states.setAll({ loading: true, empty: false });
    expect(el.matches(':state(loading)')).to.equal(true);
    expect(el.matches(':state(empty)')).to.equal(false);
    el.states.set('loading', false);
    expect(el.matches(':state(loading)')).to.equal(false);
    expect(el.states.has('loading')).to.equal(false);
  });

  it('keeps exactly one state of a group', async () => {
    const el = await fixture<StatesHost>(html`<kit-states-host></kit-states-host>`);
    const phases = ['idle', 'connecting', 'connected'];
    el.states.setOneOf(phases, 'connecting');
    expect(phases.filter((p) => el.matches(`:state(${p})`))).to.deep.equal(['connecting']);
    el.states.setOneOf(phases, 'connected');
    expect(phases.filter((p) => el.matches(`:state(${p})`))).to.deep.equal(['connected']);
    el.states.setOneOf(phases, null);
    expect(phases.filter((p) => el.matches(`:state(${p})`))).to.deep.equal([]);
  });

  it('never throws: falls back to the older --name form, or does nothing without a CustomStateSet', () => {
    const legacy = new Set<string>();
    const strict = {
      add(name: string) {
        if (!name.startsWith('--')) throw new DOMException('not a custom state', 'SyntaxError');
        legacy.add(name);
      },
      delete: (name: string) => legacy.delete(name),
      has: (name: string) => legacy.has(name),
    };
    const old = new CustomStates({ states: strict } as unknown as ElementInternals);
    old.set('busy', true);
    expect([...legacy]).to.deep.equal(['--busy']);
    expect(old.has('busy')).to.equal(true);
    old.set('busy', false);
    expect([...legacy]).to.deep.equal([]);

    const none = new CustomStates({} as ElementInternals);
    expect(() => none.setAll({ busy: true, error: false })).not.to.throw();
    expect(none.has('busy')).to.equal(false);
  });
});
