// Prepared statements (and PostgreSQL's numbered texts) by their SQL, for the
// plain-driver connections. Bounded by the length of the SQL: the hot paths'
// few short statements stay, while multi-row INSERTs (a wave's, a new text for
// each batch size; one of 2,000 messages holds about 1.8 MB once prepared)
// give way to newer ones instead of piling up for the life of the process.
import { LRUCache } from "lru-cache";

const MAX_SQL_CHARACTERS = 1_000_000;

export function statementCache<V extends object | string>(): LRUCache<string, V> {
  return new LRUCache<string, V>({
    maxSize: MAX_SQL_CHARACTERS,
    sizeCalculation: (_value, sql) => Math.max(1, sql.length),
  });
}
