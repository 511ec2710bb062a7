import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './define.js';
import type { WcConnect } from './connect.js';
import { FakeController, makeSession } from '../../../test/helpers/fake-controller.js';
import type { ConnectOptions } from '../../controller/api.js';
import { WcError } from '../../errors.js';
import type { SessionView } from '../../types.js';

/** A FakeController whose connect() and disconnect() the test settles by hand. */
class ScriptedController extends FakeController {
  readonly connects: { resolve: (s: SessionView) => void; reject: (e: unknown) => void }[] = [];
  readonly disconnects: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  override connect(options?: ConnectOptions): Promise<SessionView> {
    void super.connect(options);
    return new Promise((resolve, reject) => this.connects.push({ resolve, reject }));
  }
  override disconnect(topic?: string): Promise<void> {
    void super.disconnect(topic);
    return new Promise((resolve, reject) => this.disconnects.push({ resolve, reject }));
  }
}

const part = (el: WcConnect, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const alerts = (el: WcConnect) => [...el.shadowRoot!.querySelectorAll(`[part~="error"]`)].map((n) => n.textContent!.trim());

async function mount(fake: FakeController): Promise<WcConnect> {
  const el = await fixture<WcConnect>(html`<wc-connect></wc-connect>`);
  el.controller = fake;
  await el.updateComplete;
  return el;
}

describe('<wc-connect> shows the errors of its own attempts', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('wc-connect')) el.remove();
  });

  it('shows why its own disconnect failed, and clears it on the next disconnect', async () => {
    const session = makeSession();
    const fake = new ScriptedController({ sessions: [session], activeTopic: session.topic, status: 'connected' });
    const el = await mount(fake);
    part(el, 'disconnect-button')!.click();
    fake.disconnects[0]!.reject(new WcError('offline', 'offline', { operation: 'disconnect' }));
    await waitUntil(() => alerts(el).length === 1, 'the failed disconnect is not shown');
    expect(alerts(el)[0]).to.contain('You are offline');
    expect(el.matches(':state(error)')).to.equal(true);

    part(el, 'disconnect-button')!.click();
    await el.updateComplete;
    expect(alerts(el)).to.deep.equal([]);
  });

  it("does not show another element's failed disconnect from the snapshot", async () => {
    const session = makeSession();
    const fake = new FakeController({ sessions: [session], activeTopic: session.topic, status: 'connected' });
    const el = await mount(fake);
    fake.setState({ lastError: new WcError('offline', 'offline', { operation: 'disconnect' }) });
    await el.updateComplete;
    expect(alerts(el)).to.deep.equal([]);
    expect(el.matches(':state(connected)')).to.equal(true);
  });

  it('after its own failed attempt is dismissed, the same error in the snapshot stays hidden; a new one shows', async () => {
    const fake = new ScriptedController();
    const el = await mount(fake);
    part(el, 'button')!.click();
    await el.updateComplete;
    const rejected = new WcError('user-rejected', 'User rejected.', { operation: 'connect' });
    fake.connects[0]!.reject(rejected);
    // a controller keeps its own copy of the failure
    fake.setState({ lastError: rejected });
    await waitUntil(() => part(el, 'try-again-button') !== null, 'no Try again');
    expect(alerts(el).join(' ')).to.contain('rejected in the wallet');
    part(el, 'cancel-button')!.click();
    await el.updateComplete;
    expect(alerts(el)).to.deep.equal([]);

    // a connect this element did not start (the page's script) still shows here
    fake.setState({ lastError: new WcError('relay-unreachable', 'down', { operation: 'connect' }) });
    await el.updateComplete;
    expect(alerts(el).join(' ')).to.contain('Could not reach the WalletConnect relay');
  });
});
