import { expect } from '@open-wc/testing';
import { IdbStorage } from './idb-storage.js';

/** The database the adapter shares with the SDK's own browser storage. */
const DB_NAME = 'WALLET_CONNECT_V2_INDEXED_DB';
const STORE = 'keyvaluestorage';

/** A connection of the test's own. */
const openDb = (version?: number, onBlocked?: () => void) =>
  new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, version);
    if (onBlocked) request.onblocked = onBlocked;
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

let n = 0;
/** A key no other test wrote. */
const freshKey = () => `wc-elements-test:idb-storage:${Date.now()}:${++n}`;

describe('IdbStorage', () => {
  const opened: IdbStorage[] = [];
  /** An adapter with its connection open (so a read starts its transaction without waiting for one). */
  async function storage(): Promise<IdbStorage> {
    const s = new IdbStorage();
    opened.push(s);
    await s.probe();
    return s;
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  it('writes only the last value a key got before a flush', async () => {
    const s = await storage();
    const key = freshKey();
    await s.setItem(key, { v: 1 });
    await s.setItem(key, { v: 2 });
    expect(await s.getItem(key)).to.deep.equal({ v: 2 }); // read before the write
    await s.flush();
    expect(s.writes).to.equal(1);
    const other = await storage();
    expect(await other.getItem(key)).to.deep.equal({ v: 2 });
  });

  it('starts the pagehide flush at once, not behind a write still in flight', async () => {
    const s = await storage();
    const reader = await storage();
    const key = freshKey();
    // Another connection's read-write transaction keeps the store busy, so the first flush's
    // transaction stays in flight (started, not committed) for as long as the test needs.
    const db = await openDb();
    const blocker = db.transaction(STORE, 'readwrite');
    let hold = true;
    const store = blocker.objectStore(STORE);
    const spin = () => {
      if (hold) store.get(key).onsuccess = spin;
    };
    spin();
    await s.setItem(key, 'first');
    const first = s.flush();
    await new Promise((resolve) => setTimeout(resolve)); // a task later: the flush has started its transaction
    await s.setItem(key, 'last');
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    // A page going away runs nothing after this point, but a transaction it started still commits;
    // and a transaction started later, by any connection, runs after it.
    const read = reader.getItem<string>(key);
    hold = false;
    expect(await read).to.equal('last');
    await first;
    db.close();
  });

  it('flushes when the page becomes hidden', async () => {
    const s = await storage();
    const reader = await storage();
    const key = freshKey();
    await s.setItem(key, 'hidden');
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState; // back to the prototype's getter
    }
    expect(await reader.getItem<string>(key)).to.equal('hidden');
  });

  it('has started its last writes when close() returns control, so the next reader sees them', async () => {
    const s = new IdbStorage();
    await s.probe();
    const reader = await storage();
    const key = freshKey();
    await s.setItem(key, 'closing');
    const closing = s.close();
    expect(await reader.getItem<string>(key)).to.equal('closing');
    await closing;
  });

  it('lets another connection upgrade the database, and opens again on its next use', async () => {
    const s = await storage();
    const db = await openDb();
    const version = db.version;
    db.close();
    let blocked = 0;
    const upgraded = await openDb(version + 1, () => blocked++);
    upgraded.close();
    expect(blocked).to.equal(0);
    const key = freshKey();
    await s.setItem(key, 'after the upgrade');
    await s.flush();
    const reader = await storage();
    expect(await reader.getItem<string>(key)).to.equal('after the upgrade');
  });
});
