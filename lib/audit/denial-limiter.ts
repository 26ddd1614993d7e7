// Decides which authorization denials become audit rows, so that a loop of forbidden calls
// cannot flood the trail. Per window (one minute) and per key (the actor, or the client
// address when there is no session) and attempted operation, the 1st, 10th, 100th, 1000th …
// denial is written, each carrying the count so far. Over all keys, at most GLOBAL_CAP rows
// per window and operation, after which only the global 10th, 100th, … are written.
// Bound per process: ≤ GLOBAL_CAP + log10(n) + 1 rows per operation per minute.

export const WINDOW_MS = 60_000;
export const GLOBAL_CAP = 1_000;
const MAX_KEYS = 10_000;

export interface DenialDecision {
  record: boolean;
  /** Denials for this key and operation in the current window, this one included. */
  count: number;
}

const isPowerOfTen = (n: number) => n >= 1 && 10 ** Math.round(Math.log10(n)) === n;

export class DenialLimiter {
  private windowStart = 0;
  private perKey = new Map<string, number>();
  private perOperation = new Map<string, { count: number; recorded: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  decide(key: string, operation: string): DenialDecision {
    const now = this.now();
    if (now - this.windowStart >= WINDOW_MS) {
      this.windowStart = now - (now % WINDOW_MS);
      this.perKey.clear();
      this.perOperation.clear();
    }
    const keyed = `${key}\u0000${operation}`;
    // Past MAX_KEYS distinct keys (e.g. forged client addresses), new keys share one bucket.
    const bucket = this.perKey.has(keyed) || this.perKey.size < MAX_KEYS ? keyed : `*\u0000${operation}`;
    const count = (this.perKey.get(bucket) ?? 0) + 1;
    this.perKey.set(bucket, count);
    const global = this.perOperation.get(operation) ?? { count: 0, recorded: 0 };
    global.count += 1;
    this.perOperation.set(operation, global);

    let record = isPowerOfTen(count);
    if (record && global.recorded >= GLOBAL_CAP) record = isPowerOfTen(global.count);
    if (record) global.recorded += 1;
    return { record, count };
  }
}
