/**
 * The contract every wc-element keeps, written once and run once per element (Lion's
 * `test-suites` shape): each element's test file calls `elementContracts(spec)` with what is
 * particular to it, and gets one `it` per contract (per event, per axe state).
 *
 *   renders without a controller and never throws      (spec.unconfigured)
 *   finds a provider created before it / after it      (spec.provided)
 *   re-renders on each controller event               (spec.snapshots)
 *   leaves no controller listener behind after 1,000 mount/unmount cycles
 *   fires <event> once, with its detail and flags      (spec.events)
 *   passes axe <state>                                 (spec.axe)
 *   issues no Lit dev-mode warning through <flow>      (spec.flow)
 *
 * A section the spec leaves out is a contract that does not apply to that element (the provider
 * is no consumer, so it has no "finds a provider" contract).
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { SessionControllerApi } from '../../src/controller/api.js';
import { provideSessionController } from '../../src/lit/provide.js';
import { WcError, type WcErrorCode } from '../../src/errors.js';
import type { WcErrorEvent } from '../../src/events.js';
import { FakeController } from '../helpers/fake-controller.js';

/** What the contracts need of an element: a `.controller` and Lit's update cycle. */
export interface ContractElement extends HTMLElement {
  controller: SessionControllerApi | null;
  readonly updateComplete: Promise<boolean>;
}

export interface SnapshotStep<E> {
  /** The controller event this step stands for (it names the step in failure messages). */
  readonly cause: string;
  /** Replace the fake's snapshot (and anything else the step needs). */
  apply(fake: FakeController): void;
  /** What the element shows afterwards. */
  check(el: E, fake: FakeController): void | Promise<void>;
}

export interface EventCase<E> {
  /** The event's name, e.g. `wc-session-select`. */
  readonly name: string;
  readonly cancelable: boolean;
  /**
   * Mount the element in the state the event needs; return it, how to make it fire the event once,
   * and the assertions on the event's detail. `cleanup` runs whatever happens.
   */
  setup(mount: Mount<E>): Promise<{
    el: E;
    fire(): void | Promise<void>;
    detail(detail: unknown): void;
    cleanup?(): void;
  }>;
}

/** Mounts a fresh element in a container in the page (removed after the test). */
export type Mount<E> = (controller?: SessionControllerApi | null, setup?: (el: E) => void) => Promise<E>;

export interface ElementContractSpec<E extends ContractElement> {
  readonly tag: string;
  /** Waits for the element and whatever it renders (e.g. list items) to finish updating. */
  settle?(el: E): Promise<void>;
  /** Assertions on what the element shows with no controller at all (also before a late provider). */
  unconfigured?(el: E): void | Promise<void>;
  /** A controller to provide, and what the element shows once it follows it. */
  provided?: {
    controller(): FakeController;
    /** True once the element shows the provided controller (polled for the late provider). */
    shows(el: E): boolean;
    check(el: E, fake: FakeController): void | Promise<void>;
  };
  /** Snapshots replaced one after another, as the controller's events replace them. */
  snapshots?: {
    controller?(): FakeController;
    /** What the element shows before the first step. */
    initial?(el: E): void | Promise<void>;
    steps: readonly SnapshotStep<E>[];
  };
  /** The controller for the 1,000 mounts (default an empty FakeController). */
  listeners?: {
    controller?(): FakeController;
    /** The element lets go of the controller in a task after removal (the provider does). */
    releasesLater?: boolean;
  };
  events?: readonly EventCase<E>[];
  /** One axe run per named state: each function mounts the element in that state. */
  axe?: Readonly<Record<string, (mount: Mount<E>) => Promise<E>>>;
  /** A walk through the element's states; no Lit dev-mode warning (no warning at all) may be logged. */
  flow?: { readonly name: string; run(mount: Mount<E>): Promise<void> };
}

/**
 * The `wc-error` an element fires when `attribute` is set to the invalid `value` after it mounted
 * (with `controller`, default a FakeController, and `setup` run before it connects).
 */
export function attributeError<E extends ContractElement>(options: {
  readonly attribute: string;
  readonly value: string;
  readonly code: WcErrorCode;
  /** A text the error message must contain. */
  readonly message?: string;
  readonly controller?: () => SessionControllerApi;
  readonly setup?: (el: E) => void;
}): EventCase<E> {
  return {
    name: 'wc-error',
    cancelable: false,
    setup: async (mount) => {
      const el = await mount(options.controller?.() ?? new FakeController(), options.setup);
      return {
        el,
        fire: () => el.setAttribute(options.attribute, options.value),
        detail: (detail) => {
          const { error, operation } = detail as WcErrorEvent['detail'];
          expect(error).to.be.instanceOf(WcError);
          expect(error.code).to.equal(options.code);
          if (options.message) expect(error.message).to.contain(options.message);
          expect(operation).to.equal('attribute');
        },
      };
    },
  };
}

export function elementContracts<E extends ContractElement>(spec: ElementContractSpec<E>): void {
  const settle = async (el: E) => {
    if (spec.settle) await spec.settle(el);
    else await el.updateComplete;
  };
  const containers: HTMLElement[] = [];
  const disposers: Array<() => void> = [];
  /**
   * A plain container, not open-wc's `fixture()`: for a non-Lit element that waits for an animation
   * frame, which never comes while the test page is a hidden background tab.
   */
  const container = () => {
    const div = document.createElement('div');
    document.body.append(div);
    containers.push(div);
    return div;
  };
  const mount: Mount<E> = async (controller, setup) => {
    const el = document.createElement(spec.tag) as E;
    if (controller !== undefined) el.controller = controller;
    setup?.(el);
    container().append(el);
    await settle(el);
    return el;
  };

  describe(`${spec.tag} contracts`, () => {
    afterEach(() => {
      for (const dispose of disposers.splice(0)) dispose();
      for (const div of containers.splice(0)) div.remove();
    });

    if (spec.unconfigured) {
      const unconfigured = spec.unconfigured;
      it('renders without a controller and never throws', async () => {
        const el = await mount();
        expect(el.controller).to.equal(null);
        await unconfigured(el);
        await expect(el).to.be.accessible();
      });
    }

    if (spec.provided) {
      const provided = spec.provided;
      it('finds a provider created before it', async () => {
        const fake = provided.controller();
        const wrapper = container();
        const provision = provideSessionController(wrapper, fake);
        disposers.push(() => provision.dispose());
        const el = document.createElement(spec.tag) as E;
        wrapper.append(el);
        await settle(el);
        expect(provided.shows(el), 'shows the provided controller after its first update').to.equal(true);
        await provided.check(el, fake);
      });

      it('finds a provider created after it', async () => {
        const fake = provided.controller();
        const wrapper = container();
        const el = document.createElement(spec.tag) as E;
        wrapper.append(el);
        await settle(el);
        await spec.unconfigured?.(el);
        expect(provided.shows(el)).to.equal(false);
        const provision = provideSessionController(wrapper, fake);
        disposers.push(() => provision.dispose());
        await waitUntil(() => provided.shows(el), 'the late provider was not picked up');
        await settle(el);
        await provided.check(el, fake);
      });
    }

    if (spec.snapshots) {
      const { steps, controller, initial } = spec.snapshots;
      it('re-renders on each controller event', async () => {
        const fake = controller?.() ?? new FakeController();
        const el = await mount(fake);
        await initial?.(el);
        for (const step of steps) {
          const cycle = el.updateComplete;
          step.apply(fake);
          await settle(el);
          expect(el.updateComplete, `no update after ${step.cause}`).to.not.equal(cycle);
          await step.check(el, fake);
        }
      });
    }

    it('leaves no controller listener behind after 1,000 mount/unmount cycles', async () => {
      const fake = spec.listeners?.controller?.() ?? new FakeController();
      const host = container();
      const start = fake.listenerCount;
      let reused: E | undefined;
      for (let i = 0; i < 1000; i++) {
        // three paths: a fresh element that renders, one removed before its first update, and the
        // same element connected again
        const again = i % 3 === 2 && reused !== undefined;
        const el = again ? reused! : (document.createElement(spec.tag) as E);
        el.controller = fake;
        host.append(el);
        if (i % 3 !== 1) await el.updateComplete;
        el.remove();
        reused = el;
      }
      if (spec.listeners?.releasesLater) await waitUntil(() => fake.listenerCount === start, 'listeners left after the removals');
      expect(fake.listenerCount).to.equal(start);
    });

    for (const event of spec.events ?? []) {
      it(`fires ${event.name} once, with its detail, bubbling and composed${event.cancelable ? ', cancelable' : ''}`, async () => {
        const { el, fire, detail, cleanup } = await event.setup(mount);
        const seen: Event[] = [];
        const listener = (e: Event) => seen.push(e);
        document.addEventListener(event.name, listener);
        try {
          await fire();
          await waitUntil(() => seen.length > 0, `no ${event.name}`);
          await settle(el);
          expect(seen, `${event.name} count`).to.have.length(1);
          const [e] = seen as [Event & { detail: unknown }];
          expect(e.target, 'seen from the element').to.equal(el);
          expect(e.bubbles, 'bubbles').to.equal(true);
          expect(e.composed, 'composed').to.equal(true);
          expect(e.cancelable, 'cancelable').to.equal(event.cancelable);
          detail(e.detail);
        } finally {
          document.removeEventListener(event.name, listener);
          cleanup?.();
        }
      });
    }

    for (const [state, setup] of Object.entries(spec.axe ?? {})) {
      it(`passes axe ${state}`, async () => {
        const el = await setup(mount);
        await expect(el).to.be.accessible();
      });
    }

    if (spec.flow) {
      const flow = spec.flow;
      it(`issues no Lit dev-mode warning ${flow.name}`, async () => {
        const warnings: unknown[][] = [];
        const warn = console.warn;
        console.warn = (...args: unknown[]) => void warnings.push(args);
        try {
          await flow.run(mount);
        } finally {
          console.warn = warn;
        }
        expect(warnings).to.deep.equal([]);
      });
    }
  });
}
