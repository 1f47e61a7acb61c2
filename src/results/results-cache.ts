// Frequencies over a large survey take seconds, and the data change only when
// a response is saved, submitted, reopened or removed, each of which touches
// the Response row (savePage bumps its revision). So results are kept per
// database client, keyed by what was asked and by the survey's data version:
// its number of responses and their latest updatedAt.
import type { DbOrTx } from "../db/client.js";

const LIMIT = 50;
const caches = new WeakMap<object, Map<string, unknown>>();

export async function dataVersion(db: DbOrTx, surveyId: number): Promise<string> {
  const stats = await db.response.aggregate({ where: { surveyId }, _count: { _all: true }, _max: { updatedAt: true } });
  return `${stats._count._all}:${stats._max.updatedAt?.toISOString() ?? ""}`;
}

export async function cached<T>(db: DbOrTx, key: string, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  if (cache.has(key)) {
    // refresh its place: the map's order is the eviction order
    const value = cache.get(key) as T;
    cache.delete(key);
    cache.set(key, value);
    return value;
  }
  const value = await compute();
  if (cache.size >= LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}
