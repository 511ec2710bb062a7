/**
 * <wc-connect>: every attribute is either used or reported, once (issue 11). `mode`, `max-refresh`
 * and `reuse-timeout` used to ignore a bad value silently; each is now one `wc-error`
 * (`invalid-option`, operation `attribute`), an alert naming the attribute and the value, and the
 * default in force until the value is fixed.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './define.js';
import type { WcConnect } from './connect.js';
import { FakeController } from '../../../test/helpers/fake-controller.js';
import { alerts, part, shadow } from '../../../test/helpers/queries.js';
import { WcError } from '../../errors.js';
import { WcProposalExpireEvent, type WcErrorEvent } from '../../events.js';
import type { ProposalView } from '../../types.js';

const connectCalls = (fake: FakeController) => fake.calls.filter((c) => c.method === 'connect');

let seq = 0;
function makeProposal(): ProposalView {
  seq++;
  const topic = (seq.toString(16) + 'a'.repeat(64)).slice(0, 64);
  const expiry = Math.floor(Date.now() / 1000) + 300;
  return {
    uri: `wc:${topic}@2?relay-protocol=irn&symKey=${'b'.repeat(64)}&expiryTimestamp=${expiry}`,
    pairingTopic: topic,
    expiry,
    requested: { requiredNamespaces: {}, optionalNamespaces: {} },
    reusedPairing: false,
    peer: null,
  };
}

/** Mounts `<wc-connect>` with `attribute="value"` inside a wrapper that records every wc-error. */
async function mountWith(attribute: string, value: string) {
  const seen: WcErrorEvent[] = [];
  const wrapper = await fixture<HTMLDivElement>(html`<div @wc-error=${(e: WcErrorEvent) => seen.push(e)}></div>`);
  const el = document.createElement('wc-connect') as WcConnect;
  el.setAttribute(attribute, value);
  wrapper.append(el);
  const fake = new FakeController();
  el.controller = fake;
  await el.updateComplete;
  // re-renders must not report it again
  fake.setState({ relay: 'disconnected' });
  el.requestUpdate();
  await el.updateComplete;
  return { el, fake, seen };
}

function expectReportedOnce(seen: WcErrorEvent[], el: WcConnect, attribute: string, token: string) {
  expect(seen).to.have.length(1);
  const { error, operation } = seen[0]!.detail;
  expect(error).to.be.instanceOf(WcError);
  expect(error.code).to.equal('invalid-option');
  expect(operation).to.equal('attribute');
  expect(error.data).to.deep.equal({ attribute, token });
  const shown = alerts(el).join(' ');
  expect(shown).to.contain(attribute);
  expect(shown).to.contain(token);
  expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
  expect(el.matches(':state(error)')).to.equal(true);
}

async function expectFixed(el: WcConnect, seen: WcErrorEvent[], attribute: string, value: string | null) {
  if (value === null) el.removeAttribute(attribute);
  else el.setAttribute(attribute, value);
  await el.updateComplete;
  expect(alerts(el)).to.deep.equal([]);
  expect(el.matches(':state(idle)')).to.equal(true);
  expect(seen).to.have.length(1);
}

describe('<wc-connect> attributes: each bad value is reported once', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('wc-connect')) el.remove();
  });

  it('mode: a value other than dialog or inline is reported, and the dialog is used', async () => {
    const { el, fake, seen } = await mountWith('mode', 'sideways');
    expectReportedOnce(seen, el, 'mode', 'sideways');
    part<HTMLButtonElement>(el, 'button')!.click();
    await el.updateComplete;
    expect(connectCalls(fake)).to.have.length(1);
    expect(shadow(el).querySelector('dialog')!.open).to.equal(true);
    el.cancel();
    await el.updateComplete;
    await expectFixed(el, seen, 'mode', 'inline');
    await expect(el).to.be.accessible();
  });

  it('max-refresh: a value that is not a whole number of 0 or more is reported, and 3 refreshes are used', async () => {
    const { el, fake, seen } = await mountWith('max-refresh', '-1');
    expectReportedOnce(seen, el, 'max-refresh', '-1');
    await expect(el).to.be.accessible();
    part<HTMLButtonElement>(el, 'button')!.click();
    await el.updateComplete;
    // -1 read as a number would offer "Try again" at the first expiry; the default replaces the code.
    let proposal = makeProposal();
    fake.setState({ status: 'awaiting-approval', proposal });
    await el.updateComplete;
    for (let refresh = 1; refresh <= 3; refresh++) {
      fake.dispatchEvent(new WcProposalExpireEvent({ uri: proposal.uri, pairingTopic: proposal.pairingTopic }));
      fake.setState({ proposal: null, status: 'ready' });
      await waitUntil(() => connectCalls(fake).length === refresh + 1, `refresh ${refresh} did not connect again`);
      proposal = makeProposal();
      fake.setState({ proposal, status: 'awaiting-approval' });
      await el.updateComplete;
      expect(part(el, 'try-again-button')).to.equal(null);
    }
    fake.dispatchEvent(new WcProposalExpireEvent({ uri: proposal.uri, pairingTopic: proposal.pairingTopic }));
    fake.setState({ proposal: null, status: 'ready' });
    await waitUntil(() => part(el, 'try-again-button') !== null, 'no Try again after the default 3 refreshes');
    expect(connectCalls(fake)).to.have.length(4);
    el.cancel();
    await el.updateComplete;
    await expectFixed(el, seen, 'max-refresh', '0');
  });

  it('max-refresh: text and fractions are reported too; removing the attribute is no error', async () => {
    for (const value of ['often', '1.5']) {
      const { el, seen } = await mountWith('max-refresh', value);
      expectReportedOnce(seen, el, 'max-refresh', value);
      await expectFixed(el, seen, 'max-refresh', null);
      el.remove();
    }
  });

  it('reuse-timeout: a value that is not a number of seconds of 0 or more is reported', async () => {
    const { el, seen } = await mountWith('reuse-timeout', 'soon');
    expectReportedOnce(seen, el, 'reuse-timeout', 'soon');
    await expect(el).to.be.accessible();
    el.setAttribute('reuse-timeout', '-5');
    await el.updateComplete;
    expect(seen).to.have.length(2);
    expect(seen[1]!.detail.error.data).to.deep.equal({ attribute: 'reuse-timeout', token: '-5' });
    expect(alerts(el)).to.have.length(1);
    await expectFixed(el, seen.slice(1), 'reuse-timeout', '0');
    expect(seen).to.have.length(2);
  });

  it('valid values and a property set by script report nothing; a bad property names its value', async () => {
    const seen: WcErrorEvent[] = [];
    const wrapper = await fixture<HTMLDivElement>(
      html`<div @wc-error=${(e: WcErrorEvent) => seen.push(e)}>
        <wc-connect mode="inline" max-refresh="0" reuse-timeout="2.5"></wc-connect>
      </div>`,
    );
    const el = wrapper.querySelector('wc-connect')!;
    el.controller = new FakeController();
    await el.updateComplete;
    expect(seen).to.deep.equal([]);
    expect(alerts(el)).to.deep.equal([]);
    el.removeAttribute('reuse-timeout');
    el.reuseTimeout = Number.NaN;
    await el.updateComplete;
    expect(seen).to.have.length(1);
    expect(seen[0]!.detail.error.data).to.deep.equal({ attribute: 'reuse-timeout', token: 'NaN' });
  });
});
