/**
 * What crosses a BroadcastChannel between tabs: WcErrors survive with their code, shared references
 * stay shared, functions and AbortSignals are dropped, controller events are rebuilt as their classes.
 */
import { expect } from '@open-wc/testing';
import { WcError } from '../errors.js';
import { WcErrorEvent, WcSessionChangeEvent, WcStatusChangeEvent } from '../events.js';
import { decode, deserializeError, encode, eventRecords, rebuildEvent, serializeError } from './tab-codec.js';

/** The trip through a real channel: encode, structured clone, decode. */
const roundTrip = (value: unknown) => decode(structuredClone(encode(value)));

describe('tab codec', () => {
  it('a serialised WcError round-trips with its code, operation, message and data', () => {
    const error = new WcError('required-unmet', 'Not granted', { operation: 'connect', data: { chains: ['eip155:10'] }, cause: new Error('sdk') });
    const plain = serializeError(error);
    expect(() => structuredClone(plain)).not.to.throw();
    const back = deserializeError(structuredClone(plain));
    expect(back).to.be.instanceOf(WcError);
    expect(back.code).to.equal('required-unmet');
    expect(back.operation).to.equal('connect');
    expect(back.message).to.equal('Not granted');
    expect(back.data).to.deep.equal({ chains: ['eip155:10'] });
  });

  it('an error that is no WcError crosses as code unknown with its message', () => {
    const back = deserializeError(structuredClone(serializeError(new TypeError('boom'))));
    expect(back).to.be.instanceOf(WcError);
    expect(back.code).to.equal('unknown');
    expect(back.message).to.equal('boom');
  });

  it('structured clone alone loses the code: that is why errors are encoded', () => {
    const cloned = structuredClone(new WcError('timeout', 'slow')) as unknown as Record<string, unknown>;
    expect(cloned.code).to.equal(undefined);
  });

  it('WcErrors nested in a snapshot come back as WcErrors, and everything comes back frozen', () => {
    const error = new WcError('request-failed', 'Denied', { operation: 'request' });
    const state = { lastError: error, sessions: [{ topic: 't1', lastError: error }], pendingRequests: [] };
    const back = roundTrip(state) as typeof state;
    expect(back.lastError).to.be.instanceOf(WcError);
    expect(back.lastError.code).to.equal('request-failed');
    expect(back.sessions[0]!.lastError).to.equal(back.lastError, 'one error object stays one');
    expect(Object.isFrozen(back)).to.be.true;
    expect(Object.isFrozen(back.sessions)).to.be.true;
    expect(Object.isFrozen(back.sessions[0])).to.be.true;
  });

  it('drops functions and AbortSignals, keeps dates and nested data', () => {
    const at = new Date(1_700_000_000_000);
    const value = { signal: new AbortController().signal, onDone: () => 1, at, params: [{ to: '0x1', value: 2n }] };
    const encoded = encode(value) as Record<string, unknown>;
    expect(() => structuredClone(encoded)).not.to.throw();
    const back = decode(structuredClone(encoded)) as Record<string, unknown>;
    expect('signal' in back).to.be.false;
    expect('onDone' in back).to.be.false;
    expect((back.at as Date).getTime()).to.equal(at.getTime());
    expect(back.params).to.deep.equal([{ to: '0x1', value: 2n }]);
  });

  it('controller events are rebuilt as their own classes; shared references stay shared in one message', () => {
    const sessions = Object.freeze([Object.freeze({ topic: 't1' })]);
    const state = { sessions, status: 'connected' };
    const events = [
      new WcStatusChangeEvent({ status: 'connected', previous: 'ready' }),
      new WcSessionChangeEvent({ sessions: sessions as never, reason: 'connect', topic: 't1' }),
      new WcErrorEvent({ error: new WcError('user-rejected', 'No', { operation: 'connect' }), operation: 'connect' }),
      new Event('not-a-controller-event'),
    ];
    const records = eventRecords(events);
    expect(records.map((r) => r.type)).to.deep.equal(['wc-status-change', 'wc-session-change', 'wc-error']);
    const back = roundTrip({ state, events: records }) as { state: typeof state; events: typeof records };
    const rebuilt = back.events.map(rebuildEvent);
    expect(rebuilt[0]).to.be.instanceOf(WcStatusChangeEvent);
    expect((rebuilt[0] as WcStatusChangeEvent).detail).to.deep.equal({ status: 'connected', previous: 'ready' });
    const change = rebuilt[1] as WcSessionChangeEvent;
    expect(change).to.be.instanceOf(WcSessionChangeEvent);
    expect(change.detail.sessions).to.equal(back.state.sessions);
    expect(change.bubbles && change.composed).to.be.true;
    const failure = rebuilt[2] as WcErrorEvent;
    expect(failure.detail.error).to.be.instanceOf(WcError);
    expect(failure.detail.error.code).to.equal('user-rejected');
    expect(rebuildEvent({ type: 'constructor', detail: null })).to.equal(null);
  });
});
