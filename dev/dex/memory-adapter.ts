// In-memory storage for oidc-provider's models (sessions, interactions, codes, tokens, grants),
// one store per stand-in instance. Replaces the library's default adapter, which is a
// process-wide LRU capped at 1000 entries (evictions would log people out mid-test) and
// prints a "development-only adapter" warning on every start.
import type { Adapter, AdapterFactory, AdapterPayload } from "oidc-provider";

interface Entry {
  payload: AdapterPayload;
  expiresAt: number; // epoch milliseconds; Infinity when the model gave no lifetime
}

export function createMemoryAdapter(): AdapterFactory {
  // One map for every model, keyed "Model:id".
  const entries = new Map<string, Entry>();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
  };

  // Callers get copies: oidc-provider must not mutate stored state except through the adapter.
  const copy = (entry: Entry | undefined) => (entry ? structuredClone(entry.payload) : undefined);

  const findWhere = (model: string, match: (payload: AdapterPayload) => boolean) => {
    for (const key of entries.keys()) {
      if (!key.startsWith(`${model}:`)) continue;
      const entry = live(key);
      if (entry && match(entry.payload)) return copy(entry);
    }
    return undefined;
  };

  return (model: string): Adapter => {
    const keyFor = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        sweep();
        const expiresAt = typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : Infinity;
        entries.set(keyFor(id), { payload: structuredClone(payload), expiresAt });
      },
      async find(id) {
        return copy(live(keyFor(id)));
      },
      async findByUid(uid) {
        return findWhere(model, (payload) => payload.uid === uid);
      },
      async findByUserCode(userCode) {
        return findWhere(model, (payload) => payload.userCode === userCode);
      },
      async consume(id) {
        // Marking (not deleting) lets oidc-provider detect a replayed code and revoke its grant.
        const entry = live(keyFor(id));
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(keyFor(id));
      },
      async revokeByGrantId(grantId) {
        // oidc-provider calls this once per token model, so stay within this model's keys.
        for (const [key, entry] of entries) {
          if (key.startsWith(`${model}:`) && entry.payload.grantId === grantId) entries.delete(key);
        }
      },
    };
  };
}
