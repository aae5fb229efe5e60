// The SQLite driver: an append-only log of writes (kine's layout, reduced to
// what the store needs), one row per revision, replayed at start.
//
// Durability: WAL journal. With the default synchronous=NORMAL a committed
// transaction is in the WAL file (the OS page cache) before `append` returns:
// an acknowledged write survives kill -9 or any crash of this process, and
// the WAL is fsynced at each checkpoint. What NORMAL gives up is the last
// transactions before an OS crash or power loss; `sqlite:PATH?synchronous=full`
// fsyncs every commit and survives those too, at one fsync per group commit.
// Group commit in the store keeps the transaction count far below the write count.
import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { repairPrivateFile } from '../../util/private-dir.js';
import { dirname } from 'node:path';
import { jsonText } from './json-text.js';
import type { LoadedRecord, LogDriver, LogRecord, StoreEventType } from './types.js';

const TYPES: readonly StoreEventType[] = ['ADDED', 'MODIFIED', 'DELETED'];

export interface SqliteDriverOptions {
  /** 'normal' (default) or 'full' — see the file comment. */
  readonly synchronous?: 'full' | 'normal';
}

/** Opens (creating if needed) the log database at `path`. */
export function sqliteDriver(path: string, opts: SqliteDriverOptions = {}): LogDriver {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // The log holds every object, Secrets included. SQLite gives the WAL and
  // shared-memory files the database file's mode, so creating it 0600 keeps
  // all three private; files left readable by an older skiff are repaired.
  closeSync(openSync(path, 'a', 0o600));
  for (const f of [path, `${path}-wal`, `${path}-shm`]) repairPrivateFile(f);
  const db = new Database(path);
  // One runtime per data dir: the exclusive lock is taken now and held until close
  // (the OS drops it if the process dies), so a second runtime fails fast instead
  // of interleaving revisions.
  try {
    db.pragma('busy_timeout = 200');
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${opts.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    db.exec('BEGIN IMMEDIATE; COMMIT;');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new Error(`${path} is in use by another skiff runtime`);
    throw err;
  }
  db.exec(`
    CREATE TABLE IF NOT EXISTS log (
      rv INTEGER PRIMARY KEY,
      resource TEXT NOT NULL,
      namespace TEXT NOT NULL,
      name TEXT NOT NULL,
      type INTEGER NOT NULL,
      value TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS log_key ON log (resource, namespace, name, rv);
    CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL);
  `);
  const insert = db.prepare('INSERT INTO log (rv, resource, namespace, name, type, value) VALUES (?, ?, ?, ?, ?, ?)');
  const appendTx = db.transaction((batch: readonly LogRecord[]) => {
    for (const r of batch) {
      insert.run(r.rv, r.key.resource, r.key.namespace, r.key.name, TYPES.indexOf(r.type), jsonText(r.object));
    }
  });
  const getMeta = db.prepare('SELECT v FROM meta WHERE k = ?').pluck();
  const setMeta = db.prepare('INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v');
  // Keep, at or below the compaction point, only each key's newest row, and drop it if it is a tombstone.
  const compactStmt = db.prepare(`
    DELETE FROM log WHERE rv <= @c AND (
      type = 2 OR rv < (SELECT MAX(l2.rv) FROM log l2
                        WHERE l2.resource = log.resource AND l2.namespace = log.namespace AND l2.name = log.name AND l2.rv <= @c))`);
  const compactTx = db.transaction((c: number) => {
    const done = (getMeta.get('compacted') as number | undefined) ?? 0;
    if (c <= done) return;
    // The newest revision must survive compaction even when its row is a tombstone, so restarts keep counting up.
    const last = (db.prepare('SELECT MAX(rv) FROM log').pluck().get() as number | null) ?? 0;
    setMeta.run('lastRv', Math.max(last, (getMeta.get('lastRv') as number | undefined) ?? 0));
    compactStmt.run({ c });
    setMeta.run('compacted', c);
  });
  return {
    load() {
      const compactedRv = (getMeta.get('compacted') as number | undefined) ?? 0;
      const maxRow = (db.prepare('SELECT MAX(rv) FROM log').pluck().get() as number | null) ?? 0;
      const lastRv = Math.max(maxRow, (getMeta.get('lastRv') as number | undefined) ?? 0, compactedRv);
      const rows = db.prepare('SELECT rv, resource, namespace, name, type, value FROM log ORDER BY rv').raw().iterate() as IterableIterator<
        [number, string, string, string, number, string]
      >;
      function* records(): Iterable<LoadedRecord> {
        for (const [rv, resource, namespace, name, type, value] of rows) {
          yield { rv, key: { resource, namespace, name }, type: TYPES[type]!, value };
        }
      }
      return { records: records(), compactedRv, lastRv };
    },
    append(batch) {
      appendTx(batch);
    },
    compact(rv) {
      compactTx(rv);
    },
    close() {
      if (db.open) {
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
      }
    },
  };
}
