/**
 * The request tracker on a fake clock: expiry, restore from an SDK-history-like input, answers from
 * history, rejectAllFor(topic) and follow(). What is checked is what a user sees: statuses, errors
 * and what the controller is told, never private fields.
 */
import { expect } from '@open-wc/testing';
import { WcError } from '../errors.js';
import type { RequestView } from '../types.js';
import { RequestTracker, type Clock, type HistoryRecord, type TrackedRequest } from './request-tracker.js';

/** A clock whose time moves only when told; timers fire in due order as it passes them. */
class FakeClock implements Clock {
  #now = Date.UTC(2025, 0, 1, 12);
  #next = 1;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.#now;
  }
  setTimeout(callback: () => void, ms: number): number {
    const id = this.#next++;
    this.#timers.set(id, { at: this.#now + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }
  /** Timers still scheduled. */
  get scheduled(): number {
    return this.#timers.size;
  }
  advance(ms: number): void {
    const until = this.#now + ms;
    for (;;) {
      const due = [...this.#timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#now = due[1].at;
      due[1].callback();
    }
    this.#now = until;
  }
}

function setup() {
  const clock = new FakeClock();
  const tracked: RequestView[] = [];
  const settled: Array<RequestView | null> = [];
  const tracker = new RequestTracker({ tracked: (view) => tracked.push(view), settled: (done) => settled.push(done) }, clock);
  const seconds = () => Math.floor(clock.now() / 1000);
  const request = (patch: Partial<TrackedRequest> = {}): TrackedRequest => ({
    id: 1,
    topic: 'topic-a',
    chainId: 'eip155:1',
    method: 'personal_sign',
    params: ['0xdead', '0xbeef'],
    expiry: seconds() + 300,
    ...patch,
  });
  return { clock, tracker, tracked, settled, seconds, request };
}

/** A history record shaped like the SDK's `core.history.records` values. */
function record(id: number, topic: string, inner: { method?: string; expiryTimestamp?: number }, extra: Partial<HistoryRecord> = {}): HistoryRecord {
  return {
    id,
    topic,
    request: { method: 'wc_sessionRequest', params: { chainId: 'eip155:137', request: { method: 'eth_sendTransaction', params: [{ to: '0x0' }], ...inner } } },
    ...extra,
  };
}

describe('RequestTracker (fake clock)', () => {
  describe('expiry', () => {
    it('a request the wallet never answers expires a second after its expiry, with request-expired', () => {
      const { clock, tracker, settled, request } = setup();
      tracker.track(request());
      expect(tracker.pending.map((r) => r.status)).to.deep.equal(['pending']);

      clock.advance(300_000);
      expect(settled).to.deep.equal([]);
      expect(tracker.pending).to.have.length(1);

      clock.advance(1_000);
      expect(settled).to.have.length(1);
      const done = settled[0]!;
      expect(done.status).to.equal('expired');
      expect(done.error).to.be.instanceOf(WcError);
      expect(done.error!.code).to.equal('request-expired');
      expect(done.error!.operation).to.equal('request');
      expect(tracker.pending).to.deep.equal([]);
      expect(tracker.recent[0]).to.equal(done);
    });

    it('a request answered in time never expires, and its timer is gone', () => {
      const { clock, tracker, settled, request } = setup();
      tracker.track(request());
      const done = tracker.finish(1, { status: 'resolved', result: '0xsig' });
      expect(done?.status).to.equal('resolved');
      expect(done?.result).to.equal('0xsig');
      expect(clock.scheduled).to.equal(0);
      clock.advance(3_600_000);
      expect(settled).to.deep.equal([]);
      expect(tracker.recent.map((r) => r.status)).to.deep.equal(['resolved']);
    });

    it('a request without a known expiry waits as long as it takes', () => {
      const { clock, tracker, settled, request } = setup();
      tracker.track(request({ expiry: null }));
      clock.advance(7 * 24 * 3_600_000);
      expect(settled).to.deep.equal([]);
      expect(tracker.pending.map((r) => r.status)).to.deep.equal(['pending']);
    });

    it('finishing twice changes nothing the second time', () => {
      const { tracker, request } = setup();
      tracker.track(request());
      expect(tracker.finish(1, { status: 'resolved', result: 1 })).to.not.equal(null);
      expect(tracker.finish(1, { status: 'rejected', error: new WcError('request-failed', 'late') })).to.equal(null);
      expect(tracker.recent.map((r) => r.status)).to.deep.equal(['resolved']);
    });

    it('keeps the 20 most recent finished requests, newest first', () => {
      const { tracker, request } = setup();
      for (let id = 1; id <= 25; id++) {
        tracker.track(request({ id }));
        tracker.finish(id, { status: 'resolved', result: id });
      }
      expect(tracker.recent.map((r) => r.id)).to.deep.equal(Array.from({ length: 20 }, (_, i) => 25 - i));
    });
  });

  describe('restore from the SDK history', () => {
    it('picks up unanswered session requests of live sessions only, and they still expire', () => {
      const { clock, tracker, settled, seconds } = setup();
      const live = new Set(['topic-a', 'topic-b']);
      tracker.restore(
        [
          record(10, 'topic-a', { expiryTimestamp: seconds() + 60 }, { chainId: 'eip155:1' }),
          record(11, 'topic-b', {}), // no expiry known
          record(12, 'topic-a', { expiryTimestamp: seconds() + 60 }, { response: { id: 12, jsonrpc: '2.0', result: '0x1' } }), // answered
          record(13, 'topic-a', { expiryTimestamp: seconds() - 1 }), // expired already
          record(14, 'gone', { expiryTimestamp: seconds() + 60 }), // its session ended
          { id: 15, topic: 'topic-a', request: { method: 'wc_sessionPing', params: {} } }, // not a request
        ],
        (topic) => live.has(topic),
      );
      expect(tracker.pending.map((r) => r.id)).to.deep.equal([10, 11]);
      const [a, b] = tracker.pending;
      expect(a).to.include({ topic: 'topic-a', chainId: 'eip155:1', method: 'eth_sendTransaction', status: 'pending', expiry: seconds() + 60 });
      expect(a!.params).to.deep.equal([{ to: '0x0' }]);
      // Without a chainId on the record, the one inside the request.
      expect(b).to.include({ topic: 'topic-b', chainId: 'eip155:137', expiry: null });

      clock.advance(61_000);
      expect(settled.map((r) => [r?.id, r?.status, r?.error?.code])).to.deep.equal([[10, 'expired', 'request-expired']]);
      expect(tracker.pending.map((r) => r.id)).to.deep.equal([11]);
    });

    it('a response that arrives in the history settles the restored request', () => {
      const { tracker, seconds } = setup();
      tracker.restore([record(20, 'topic-a', { expiryTimestamp: seconds() + 60 }), record(21, 'topic-a', {})], () => true);

      const rejected = tracker.answer({ id: 20, response: { error: { code: 4001, message: 'User rejected.' } } });
      expect(rejected?.status).to.equal('rejected');
      expect(rejected?.error?.code).to.equal('user-rejected');
      expect(rejected?.error?.operation).to.equal('request');

      const resolved = tracker.answer({ id: 21, response: { result: '0xhash' } });
      expect(resolved).to.include({ status: 'resolved', result: '0xhash' });
      expect(tracker.pending).to.deep.equal([]);
      // Unknown ids and records without a response change nothing.
      expect(tracker.answer({ id: 99, response: { result: 1 } })).to.equal(null);
      expect(tracker.answer({ id: 21 })).to.equal(null);
    });
  });

  describe('rejectAllFor(topic)', () => {
    it('rejects every pending request of that session with no-session, and leaves the others', () => {
      const { clock, tracker, settled, request } = setup();
      tracker.track(request({ id: 1, topic: 'topic-a' }));
      tracker.track(request({ id: 2, topic: 'topic-b' }));
      tracker.track(request({ id: 3, topic: 'topic-a' }));

      const done = tracker.rejectAllFor('topic-a');
      expect(done.map((r) => [r.id, r.status, r.error?.code])).to.deep.equal([
        [1, 'rejected', 'no-session'],
        [3, 'rejected', 'no-session'],
      ]);
      expect(done[0]!.error).to.not.equal(done[1]!.error);
      expect(tracker.pending.map((r) => r.id)).to.deep.equal([2]);
      expect(tracker.rejectAllFor('topic-a')).to.deep.equal([]);

      // The rejected ones no longer expire; the remaining one still does.
      clock.advance(301_000);
      expect(settled.map((r) => r?.id)).to.deep.equal([2]);
    });
  });

  describe('follow()', () => {
    it('is pending once the SDK names the id, then resolves with the wallet result', async () => {
      const { tracker, tracked, settled, seconds } = setup();
      let answer: (value: string) => void = () => {};
      const result = tracker.follow(
        { topic: 'topic-a', chainId: 'eip155:1', method: 'personal_sign', params: ['0x1'], expirySeconds: 300 },
        undefined,
        (request) => {
          // The SDK announces the id of this very object in session_request_sent.
          queueMicrotask(() => tracker.sent(request, 42));
          return new Promise<string>((resolve) => (answer = resolve));
        },
      );
      await new Promise((r) => setTimeout(r));
      expect(tracked.map((r) => [r.id, r.status, r.expiry])).to.deep.equal([[42, 'pending', seconds() + 300]]);
      answer('0xsig');
      expect(await result).to.equal('0xsig');
      expect(settled.map((r) => [r?.id, r?.status, r?.result])).to.deep.equal([[42, 'resolved', '0xsig']]);
    });

    it("is pending once the SDK's history copy of the request names the id, before its publish resolves", async () => {
      const { tracker, tracked } = setup();
      let sentAs = '';
      void tracker.follow({ topic: 'topic-a', chainId: 'eip155:1', method: 'personal_sign', params: ['0x1'], expirySeconds: 300 }, undefined, (request) => {
        // sendRequest() records `{...request, expiryTimestamp}` in its history before publishing; the wire gets JSON.
        sentAs = JSON.stringify(request);
        queueMicrotask(() => {
          tracker.sent({ method: 'personal_sign', params: ['0x1'] }, 41); // a lookalike names nothing
          tracker.sent({ ...request, expiryTimestamp: 1 }, 43);
        });
        return new Promise<string>(() => {}); // the publish never resolves (the relay is down)
      });
      await new Promise((r) => setTimeout(r));
      expect(tracked.map((r) => [r.id, r.status])).to.deep.equal([[43, 'pending']]);
      expect(sentAs).to.equal('{"method":"personal_sign","params":["0x1"]}');
    });

    it('a failed request rejects with request-failed and is finished as rejected', async () => {
      const { tracker, settled } = setup();
      const result = tracker.follow(
        { topic: 'topic-a', chainId: 'eip155:1', method: 'personal_sign', params: [], expirySeconds: 300 },
        undefined,
        (request) => {
          queueMicrotask(() => tracker.sent(request, 7));
          return new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the wallet failed'))));
        },
      );
      const error = await result.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(WcError);
      expect((error as WcError).code).to.equal('request-failed');
      expect(settled.map((r) => [r?.id, r?.status])).to.deep.equal([[7, 'rejected']]);
      expect(settled[0]!.error).to.equal(error);
    });

    it('an abort rejects with cancelled and finishes the request', async () => {
      const { tracker, settled } = setup();
      const abort = new AbortController();
      const result = tracker.follow(
        { topic: 'topic-a', chainId: 'eip155:1', method: 'personal_sign', params: [], expirySeconds: 300 },
        abort.signal,
        (request) => {
          queueMicrotask(() => tracker.sent(request, 8));
          return new Promise<never>(() => {});
        },
      );
      await new Promise((r) => setTimeout(r));
      abort.abort();
      const error = await result.then(
        () => null,
        (e: unknown) => e,
      );
      expect((error as WcError).code).to.equal('cancelled');
      expect(settled.map((r) => [r?.id, r?.status, r?.error?.code])).to.deep.equal([[8, 'rejected', 'cancelled']]);
      expect(tracker.pending).to.deep.equal([]);
    });
  });
});
