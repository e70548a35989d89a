import { PerformanceObserver, performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { AnySourceAdapter } from '../../src/framework/source-adapter.js';
import { BUILT_IN_SOURCES } from '../../src/sources/index.js';
import { listEventNames, loadEvent } from '../support/fixtures.js';

/**
 * Every source guard runs on every event, so on an event it does not claim it must
 * stay a handful of property reads: no key enumeration, no parsing, no decoding.
 * These tests watch the guards through recording proxies and spies.
 */

/** What a guard did to an event, as seen through recording proxies. */
interface GuardTrace {
  reads: string[];
  enumerations: string[];
  writes: string[];
}

/** Wraps a value so every read, key enumeration and write at any depth is recorded. */
function recorded(value: unknown, trace: GuardTrace, path = 'event'): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return new Proxy(value, {
    get(target, key, receiver) {
      const childPath = `${path}.${String(key)}`;
      trace.reads.push(childPath);
      return recorded(Reflect.get(target, key, receiver), trace, childPath);
    },
    has(target, key) {
      trace.reads.push(`${path}.${String(key)} (in)`);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      trace.enumerations.push(path);
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, key) {
      trace.enumerations.push(`${path}.${String(key)} (descriptor)`);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    set(target, key, newValue, receiver) {
      trace.writes.push(`${path}.${String(key)}`);
      return Reflect.set(target, key, newValue, receiver);
    },
    defineProperty(target, key, descriptor) {
      trace.writes.push(`${path}.${String(key)} (define)`);
      return Reflect.defineProperty(target, key, descriptor);
    },
    deleteProperty(target, key) {
      trace.writes.push(`${path}.${String(key)} (delete)`);
      return Reflect.deleteProperty(target, key);
    },
  });
}

/** Built-in functions that parse, decode or copy, none of which a guard should call. */
function spyOnParsers() {
  const targets: [string, object, string][] = [
    ['JSON.parse', JSON, 'parse'],
    ['Buffer.from', Buffer, 'from'],
    ['decodeURIComponent', globalThis, 'decodeURIComponent'],
    ['String#split', String.prototype, 'split'],
    ['String#toLowerCase', String.prototype, 'toLowerCase'],
    ['String#slice', String.prototype, 'slice'],
    ['Object.keys', Object, 'keys'],
    ['Object.entries', Object, 'entries'],
    ['Object.values', Object, 'values'],
    ['RegExp#test', RegExp.prototype, 'test'],
    ['RegExp#exec', RegExp.prototype, 'exec'],
  ];
  return targets.map(([label, owner, method]) =>
    jest.spyOn(owner as Record<string, () => unknown>, method).mockName(label),
  );
}

const bulky = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`key${i}`, i]));

/** Events no built-in guard claims, some of them close to a real source's shape. */
const unclaimedEvents: [string, unknown][] = [
  ['bare payload', { fib: 7 }],
  ['payload with a body key', { body: '{"fib": 7}', httpMethod: 'POST' }],
  ['object with 10,000 keys', bulky],
  ['empty Records', { Records: [] }],
  ['Records of 10,000 strings', { Records: Array.from({ length: 10_000 }, () => 'x') }],
  ['array payload', [{ fib: 7 }]],
  ['string payload', '{"fib": 7}'],
  ['number payload', 7],
  ['null payload', null],
];

/** Maximum property reads of one guard on an event it does not claim. */
const MAX_READS_ON_UNCLAIMED = 16;

/** Returns the names of the built-in sources that claim the plain event. */
function claimantsOf(event: unknown): string[] {
  return BUILT_IN_SOURCES.filter((source) => source.claims(event)).map((source) => source.name);
}

/** A guard case: source name, event label, the source, and an event it does not claim. */
type GuardCase = [string, string, AnySourceAdapter, unknown];

/** Each fixture in events/ with every built-in source that does not claim it. */
const fixtureCases: GuardCase[] = listEventNames().flatMap((name) => {
  const claimants = claimantsOf(loadEvent(name));
  return BUILT_IN_SOURCES.filter((source) => !claimants.includes(source.name)).map(
    (source): GuardCase => [source.name, `fixture ${name}`, source, loadEvent(name)],
  );
});

const syntheticCases: GuardCase[] = unclaimedEvents.flatMap(([label, event]) =>
  BUILT_IN_SOURCES.map((source): GuardCase => [source.name, label, source, event]),
);

describe('source guard on an unclaimed event', () => {
  let spies: ReturnType<typeof spyOnParsers>;

  beforeEach(() => {
    spies = spyOnParsers();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** Runs the guard on a recorded copy of the event and returns what it did. */
  function traceGuard(source: AnySourceAdapter, event: unknown) {
    const trace: GuardTrace = { reads: [], enumerations: [], writes: [] };
    for (const spy of spies) spy.mockClear();
    const claimed = source.claims(recorded(event, trace));
    const calls = spies.filter((spy) => spy.mock.calls.length > 0).map((spy) => spy.getMockName());
    return { claimed, trace, calls };
  }

  it('has fixtures of other sources to test against', () => {
    expect(fixtureCases.length).toBeGreaterThan(BUILT_IN_SOURCES.length);
  });

  it.each([...fixtureCases, ...syntheticCases])(
    '%s guard stays cheap on %s',
    (_name, _label, source, event) => {
      const { claimed, trace, calls } = traceGuard(source, event);

      expect(claimed).toBe(false);
      expect(trace.enumerations).toEqual([]);
      expect(trace.writes).toEqual([]);
      expect(calls).toEqual([]);
      expect(trace.reads.length).toBeLessThanOrEqual(MAX_READS_ON_UNCLAIMED);
    },
  );

  it('recording proxy sees enumeration and parsing', () => {
    // A guard written the wrong way, to show that the checks above can fail.
    const careless = {
      name: 'careless',
      claims: (event: unknown): boolean =>
        Object.keys(event as object).length > 0 &&
        JSON.parse(String((event as { body?: unknown }).body ?? 'null')) !== null,
    } as unknown as AnySourceAdapter;

    const { trace, calls } = traceGuard(careless, { fib: 7 });

    expect(trace.enumerations).toContain('event');
    expect(calls.length).toBeGreaterThan(0);
  });
});

/** Counts the garbage collections that start while `work` runs. */
async function countCollections(work: () => void): Promise<number> {
  const starts: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) starts.push(entry.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });
  const begin = performance.now();
  work();
  const end = performance.now();
  // Entries arrive asynchronously, so wait for them, and count only those that began
  // during the work, because V8 may collect on its own while the test waits.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return starts.filter((start) => start >= begin && start <= end).length;
}

describe('source guards on the heap', () => {
  // Only allocations that survive V8's optimising compiler count here, and those are
  // what a warm Lambda pays for. Each guard runs 150,000 times per pass, so one that
  // allocated 16 bytes per call would allocate 2.4 MB. The last test below runs as many
  // calls as one pass over all guards, each allocating one key array (by estimate a few
  // tens of bytes), and shows that such a loop does start collections.
  // NOTE: that control starts only 3 or 4 collections under jest on Node 20, so a guard
  // that allocates much less per call than a key array might start none.
  const CALLS_PER_GUARD = 150_000;

  it.each([
    ['a bare payload', { fib: 7 }],
    ['an API Gateway REST event', loadEvent('api-gateway-rest')],
    ['an SQS event', loadEvent('sqs')],
  ])('cause no collection on %s', async (_label, event) => {
    const guards = BUILT_IN_SOURCES.map((source) => source.claims);
    let claims = 0;
    const run = () => {
      claims = 0;
      for (let call = 0; call < CALLS_PER_GUARD * guards.length; call++) {
        const guard = guards[call % guards.length] as (value: unknown) => boolean;
        if (guard(event)) claims++;
      }
    };
    // The first pass lets V8 compile the guards, which allocates. A full collection
    // then ends any marking that the compilation started (npm test passes --expose-gc).
    run();
    (globalThis as { gc?: () => void }).gc?.();

    const collections = await countCollections(run);

    expect(claims).toBe(claimantsOf(event).length * CALLS_PER_GUARD);
    expect(collections).toBe(0);
  });

  it('allocating guard causes collections', async () => {
    // The key array that Object.keys returns is the guard's only allocation per call.
    const allocating = (event: unknown): boolean => Object.keys(event as object).length > 5;
    const event = { fib: 7 };
    let claims = 0;

    const collections = await countCollections(() => {
      for (let call = 0; call < CALLS_PER_GUARD * BUILT_IN_SOURCES.length; call++) {
        if (allocating(event)) claims++;
      }
    });

    expect(claims).toBe(0);
    expect(collections).toBeGreaterThan(0);
  });
});
