// Opens (creating its folder) a SQLite database in WAL mode, so readers never wait for the writer.

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export const DEFAULT_DATABASE_PATH = './data/dmvpn-watch.db';

export type SqliteDatabase = Database.Database;

export function openDatabase(path: string = DEFAULT_DATABASE_PATH): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // With WAL, NORMAL loses at most the last transactions on power loss, never consistency.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  return db;
}
