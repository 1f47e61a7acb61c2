// What the plain-driver PostgreSQL connections (read-connection.ts,
// write-connection.ts) share: a pool that survives a dropped backend, and
// SQL written with `?` placeholders turned into PostgreSQL's $1, $2...
import pg from "pg";
import { statementCache } from "./statement-cache.js";

export function openPostgresPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  // An idle client whose server connection ends (a restart, a terminated
  // backend) makes the pool emit "error"; unheard, that would crash the
  // process. The pool drops that client and the next query opens a new one.
  pool.on("error", () => {});
  return pool;
}

/** `sql` with `?` placeholders numbered for PostgreSQL, each statement's text made once. */
export function numberedPlaceholders(): (sql: string) => string {
  const numbered = statementCache<string>();
  return (sql) => {
    let text = numbered.get(sql);
    if (text === undefined) {
      let n = 0;
      text = sql.replace(/\?/g, () => `$${++n}`);
      numbered.set(sql, text);
    }
    return text;
  };
}
