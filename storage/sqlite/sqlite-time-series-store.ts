// The embedded time-series store: one row per (series, field, time), series being a measurement and its tag set.

import type { FieldValue, Sample } from '../../model/sample.js';
import type { RangeQuery, SeriesFilter, TimeSeriesReader, TimeSeriesStore } from '../time-series-store.js';
import { openDatabase, type SqliteDatabase } from './open-database.js';

const DAY_MS = 86_400_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS series (
  id INTEGER PRIMARY KEY,
  measurement TEXT NOT NULL,
  tags TEXT NOT NULL,
  UNIQUE (measurement, tags)
);
CREATE TABLE IF NOT EXISTS sample (
  series_id INTEGER NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  time INTEGER NOT NULL,
  value ANY,
  is_bool INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (series_id, time, field)
) WITHOUT ROWID, STRICT;
CREATE INDEX IF NOT EXISTS sample_time ON sample (time);
`;

export interface SqliteTimeSeriesOptions {
  path?: string;
  /** Samples older than this many days are deleted (at open and by `applyRetention`). */
  retentionDays: number;
  /** How often retention runs while the store is open; 0 turns the timer off. */
  retentionIntervalMs?: number;
}

/** Tags as canonical JSON (keys sorted), so one tag set always names one series. */
export function canonicalTags(tags: Record<string, string>): string {
  const sorted: Record<string, string> = {};
  for (const name of Object.keys(tags).sort()) sorted[name] = tags[name]!;
  return JSON.stringify(sorted);
}

interface SampleRow {
  measurement: string;
  tags: string;
  field: string;
  time: number;
  value: number | string | null;
  is_bool: number;
}

function fieldValue(row: SampleRow): FieldValue | null {
  if (row.is_bool) return row.value === 1;
  return row.value;
}

/** Rows ordered by series then time become one Sample per series and time. */
function rowsToSamples(rows: readonly SampleRow[]): Sample[] {
  const byPoint = new Map<string, Sample>();
  for (const row of rows) {
    const key = `${row.measurement}\u0000${row.tags}\u0000${row.time}`;
    let sample = byPoint.get(key);
    if (!sample) {
      sample = { measurement: row.measurement, tags: JSON.parse(row.tags), fields: {}, time: row.time };
      byPoint.set(key, sample);
    }
    const value = fieldValue(row);
    if (value !== null) sample.fields[row.field] = value;
  }
  return [...byPoint.values()];
}

function filterClause(filter: SeriesFilter, params: unknown[]): string {
  const conditions = ['s.measurement = ?'];
  params.push(filter.measurement);
  for (const [name, value] of Object.entries(filter.tags ?? {})) {
    conditions.push(`json_extract(s.tags, ?) = ?`);
    params.push(`$.${JSON.stringify(name)}`, value);
  }
  if (filter.fields) {
    conditions.push(`p.field IN (${filter.fields.map(() => '?').join(', ')})`);
    params.push(...filter.fields);
  }
  return conditions.join(' AND ');
}

export class SqliteTimeSeriesStore implements TimeSeriesStore, TimeSeriesReader {
  private readonly db: SqliteDatabase;
  private readonly retentionTimer: NodeJS.Timeout | null;
  private readonly insertSeries;
  private readonly findSeries;
  private readonly insertSample;

  constructor(private readonly options: SqliteTimeSeriesOptions) {
    this.db = openDatabase(options.path);
    this.db.exec(SCHEMA);
    this.insertSeries = this.db.prepare('INSERT OR IGNORE INTO series (measurement, tags) VALUES (?, ?)');
    this.findSeries = this.db.prepare<[string, string], { id: number }>(
      'SELECT id FROM series WHERE measurement = ? AND tags = ?',
    );
    // A rewrite of the same point (a replay) replaces it: writes are idempotent.
    this.insertSample = this.db.prepare(
      'INSERT OR REPLACE INTO sample (series_id, field, time, value, is_bool) VALUES (?, ?, ?, ?, ?)',
    );
    this.applyRetention();
    const interval = options.retentionIntervalMs ?? 3_600_000;
    this.retentionTimer = interval > 0 ? setInterval(() => this.applyRetention(), interval).unref() : null;
  }

  get journalMode(): string {
    return this.db.pragma('journal_mode', { simple: true }) as string;
  }

  async write(samples: readonly Sample[]): Promise<void> {
    this.writeNow(samples);
  }

  writeNow(samples: readonly Sample[]): void {
    const seriesIds = new Map<string, number>();
    this.db.transaction(() => {
      for (const sample of samples) {
        const tags = canonicalTags(sample.tags);
        const key = `${sample.measurement}\u0000${tags}`;
        let id = seriesIds.get(key);
        if (id === undefined) {
          this.insertSeries.run(sample.measurement, tags);
          id = this.findSeries.get(sample.measurement, tags)!.id;
          seriesIds.set(key, id);
        }
        for (const [field, value] of Object.entries(sample.fields)) {
          if (typeof value === 'number' && !Number.isFinite(value)) continue;
          const isBool = typeof value === 'boolean';
          this.insertSample.run(
            id,
            field,
            Math.trunc(sample.time),
            isBool ? Number(value) : value,
            isBool ? 1 : 0,
          );
        }
      }
    })();
  }

  async flush(): Promise<void> {}

  async range(query: RangeQuery): Promise<Sample[]> {
    const params: unknown[] = [];
    const where = filterClause(query, params);
    params.push(query.from, query.to);
    const rows = this.db
      .prepare<unknown[], SampleRow>(
        `SELECT s.measurement, s.tags, p.field, p.time, p.value, p.is_bool
         FROM sample p JOIN series s ON s.id = p.series_id
         WHERE ${where} AND p.time BETWEEN ? AND ?
         ORDER BY p.time, s.id, p.field`,
      )
      .all(...params);
    return rowsToSamples(rows);
  }

  async latest(filter: SeriesFilter): Promise<Sample[]> {
    const params: unknown[] = [];
    const where = filterClause(filter, params);
    const rows = this.db
      .prepare<unknown[], SampleRow>(
        `WITH matching AS (
           SELECT s.id, s.measurement, s.tags, p.field, p.time, p.value, p.is_bool
           FROM sample p JOIN series s ON s.id = p.series_id
           WHERE ${where}
         ),
         newest AS (SELECT id, MAX(time) AS time FROM matching GROUP BY id)
         SELECT m.measurement, m.tags, m.field, m.time, m.value, m.is_bool
         FROM matching m JOIN newest n ON n.id = m.id AND n.time = m.time
         ORDER BY m.id, m.field`,
      )
      .all(...params);
    return rowsToSamples(rows);
  }

  /** Deletes samples older than the retention period, then the series left without samples. */
  applyRetention(now: number = Date.now()): number {
    const cutoff = now - this.options.retentionDays * DAY_MS;
    return this.db.transaction(() => {
      const deleted = this.db.prepare('DELETE FROM sample WHERE time < ?').run(cutoff).changes;
      this.db.exec('DELETE FROM series WHERE NOT EXISTS (SELECT 1 FROM sample WHERE series_id = series.id)');
      return deleted;
    })();
  }

  async close(): Promise<void> {
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    this.db.close();
  }
}
