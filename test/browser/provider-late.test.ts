/**
 * <wc-provider> upgraded after its consumers: in a page of its own, because a provider that
 * provided page-wide earlier in the same page made this case take the test page down (see the
 * closing note of the foundation issue; not reproduced outside the test runner).
 */
import { expect, fixtureSync, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/provider/define.js';
import { WcProvider } from '../../src/elements/provider/provider.js';
import { usePeers } from '../helpers/peers.js';
import { defineProbe, type ProbeConsumer } from '../helpers/probe-consumer.js';
import { shadow, text } from '../helpers/queries.js';

defineProbe('late-probe');
let seq = 0;
const id = () => `late${Date.now().toString(36)}${seq++}`;

describe('<wc-provider> upgraded late', () => {
  const relay = usePeers();

  it('reaches consumers that were in the page before the provider upgraded', async () => {
    const tag = `late-provider-${seq++}`;
    const wrapper = fixtureSync(html`<div></div>`);
    wrapper.innerHTML = `<${tag} relay-url="${relay.url}" id="${id()}"><late-probe></late-probe></${tag}>`;
    const probe = wrapper.querySelector('late-probe') as ProbeConsumer;
    await probe.updateComplete;
    expect(probe.consumer.controller).to.equal(null);
    expect(text(shadow(probe))).to.equal('none');
    customElements.define(tag, class extends WcProvider {});
    const provider = wrapper.firstElementChild as WcProvider;
    await waitUntil(() => probe.consumer.controller !== null && probe.consumer.controller === provider.controller, 'late provider reached the consumer');
  });
});
