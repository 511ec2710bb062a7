import { expect } from '@open-wc/testing';
import { LitElement } from 'lit';
import { Clock, ClockController, type ClockScheduler } from './clock.js';

/** A scheduler the test drives by hand: no real time passes. */
class FakeScheduler implements ClockScheduler {
  time = 1_000_000;
  readonly pending = new Map<number, { at: number; callback: () => void }>();
  #ids = 0;
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.#ids;
    this.pending.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Moves time on by `ms`, firing every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.pending].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      this.pending.delete(next[0]);
      this.time = next[1].at;
      next[1].callback();
    }
    this.time = end;
  }
}

/** The fake-driven clock each new host uses (set before creating one). */
let hostClock = new Clock();

class ClockHost extends LitElement {
  ticks = 0;
  readonly clock = new ClockController(this, { clock: hostClock, onTick: () => this.ticks++ });
}
customElements.define('kit-clock-host', ClockHost);

describe('Clock', () => {
  it('delivers a tick every period with the current time', () => {
    const fake = new FakeScheduler();
    const clock = new Clock(fake);
    const seen: number[] = [];
    const stop = clock.subscribe((now) => seen.push(now));
    fake.advance(3000);
    expect(seen).to.deep.equal([fake.time - 2000, fake.time - 1000, fake.time]);
    stop();
  });

  it('keeps one timer for all its subscribers, and none once the last one leaves', () => {
    const fake = new FakeScheduler();
    const clock = new Clock(fake);
    let a = 0;
    let b = 0;
    const stopA = clock.subscribe(() => a++);
    const stopB = clock.subscribe(() => b++);
    expect(fake.pending.size).to.equal(1);
    fake.advance(1000);
    expect([a, b]).to.deep.equal([1, 1]);
    expect(fake.pending.size).to.equal(1);
    stopA();
    fake.advance(1000);
    expect([a, b]).to.deep.equal([1, 2]);
    stopB();
    expect(fake.pending.size).to.equal(0);
    expect(clock.running).to.equal(false);
    fake.advance(5000);
    expect([a, b]).to.deep.equal([1, 2]);
  });

  it('calls a slower subscriber only at its own period', () => {
    const fake = new FakeScheduler();
    const clock = new Clock(fake);
    let fast = 0;
    let slow = 0;
    const stopFast = clock.subscribe(() => fast++, 1000);
    const stopSlow = clock.subscribe(() => slow++, 60_000);
    fake.advance(59_000);
    expect([fast, slow]).to.deep.equal([59, 0]);
    fake.advance(1000);
    expect([fast, slow]).to.deep.equal([60, 1]);
    stopFast();
    // only the minute subscriber is left: the next timer is a minute away, not a second
    expect([...fake.pending.values()].map((t) => t.at - fake.time)).to.deep.equal([60_000]);
    stopSlow();
  });
});

describe('ClockController', () => {
  it('ticks its host while connected, stops when disconnected and resumes when reconnected', () => {
    const fake = new FakeScheduler();
    const clock = new Clock(fake);
    hostClock = clock;
    const host = new ClockHost();
    const wrapper = document.createElement('div');
    document.body.append(wrapper);
    wrapper.append(host);
    host.clock.every(1000);
    fake.advance(2000);
    expect(host.ticks).to.equal(2);
    expect(host.clock.now).to.equal(fake.time);
    host.remove();
    expect(fake.pending.size).to.equal(0);
    fake.advance(2000);
    expect(host.ticks).to.equal(2);
    wrapper.append(host);
    expect(fake.pending.size).to.equal(1);
    fake.advance(1000);
    expect(host.ticks).to.equal(3);
    host.clock.every(null);
    expect(fake.pending.size).to.equal(0);
    wrapper.remove();
  });
});
