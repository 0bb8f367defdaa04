// The state store in SQLite: devices, the latest snapshot of each, tunnel events and findings.

import type { Finding, TunnelEvent } from '../../model/finding.js';
import type { DeviceRole } from '../../model/sample.js';
import type { DeviceSnapshot } from '../../model/snapshot.js';
import type {
  DeviceEntry,
  FindingQuery,
  StateStore,
  StoredFinding,
  TunnelEventQuery,
} from '../state-store.js';
import { openDatabase, type SqliteDatabase } from './open-database.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS device (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  address TEXT
) STRICT;
CREATE TABLE IF NOT EXISTS snapshot (
  device TEXT PRIMARY KEY,
  collected_at INTEGER NOT NULL,
  body TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS tunnel_event (
  device TEXT NOT NULL,
  interface TEXT NOT NULL,
  peer TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  at INTEGER NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (device, interface, peer, from_state, to_state, at)
) WITHOUT ROWID, STRICT;
CREATE INDEX IF NOT EXISTS tunnel_event_at ON tunnel_event (at);
CREATE TABLE IF NOT EXISTS finding (
  id INTEGER PRIMARY KEY,
  rule TEXT NOT NULL,
  device TEXT NOT NULL,
  interface TEXT NOT NULL,
  peer TEXT NOT NULL,
  severity TEXT NOT NULL,
  layer TEXT NOT NULL,
  since INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  cleared_at INTEGER,
  body TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS finding_active ON finding (rule, device, interface, peer) WHERE cleared_at IS NULL;
CREATE INDEX IF NOT EXISTS finding_device ON finding (device, cleared_at);
`;

interface DeviceRow {
  name: string;
  role: DeviceRole;
  address: string | null;
}

interface EventRow {
  device: string;
  interface: string;
  peer: string;
  from_state: string;
  to_state: string;
  at: number;
  source: TunnelEvent['source'];
}

interface FindingRow {
  id: number;
  since: number;
  last_seen: number;
  cleared_at: number | null;
  body: string;
}

const toEvent = (row: EventRow): TunnelEvent => ({
  device: row.device,
  interface: row.interface,
  peer: row.peer,
  from: row.from_state,
  to: row.to_state,
  at: row.at,
  source: row.source,
});

const toFinding = (row: FindingRow): StoredFinding => ({
  ...(JSON.parse(row.body) as Finding),
  since: row.since,
  lastSeen: row.last_seen,
  clearedAt: row.cleared_at,
});

/** A finding's identity across diagnoses: the same rule on the same device, interface and peer. */
const findingIdentity = (finding: Finding): [string, string, string, string] => [
  finding.rule,
  finding.device,
  finding.interface ?? '',
  finding.peer ?? '',
];

export class SqliteStateStore implements StateStore {
  private readonly db: SqliteDatabase;

  constructor(path?: string) {
    this.db = openDatabase(path);
    this.db.exec(SCHEMA);
  }

  upsertDevice(device: DeviceEntry): void {
    this.db
      .prepare(
        `INSERT INTO device (name, role, address) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET role = excluded.role, address = excluded.address`,
      )
      .run(device.name, device.role, device.address);
  }

  removeDevice(name: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM device WHERE name = ?').run(name);
      this.db.prepare('DELETE FROM snapshot WHERE device = ?').run(name);
    })();
  }

  device(name: string): DeviceEntry | null {
    return (
      this.db
        .prepare<[string], DeviceRow>('SELECT name, role, address FROM device WHERE name = ?')
        .get(name) ?? null
    );
  }

  devices(): DeviceEntry[] {
    return this.db.prepare<[], DeviceRow>('SELECT name, role, address FROM device ORDER BY name').all();
  }

  saveSnapshot(snapshot: DeviceSnapshot): void {
    this.db
      .prepare(
        `INSERT INTO snapshot (device, collected_at, body) VALUES (?, ?, ?)
         ON CONFLICT (device) DO UPDATE SET collected_at = excluded.collected_at, body = excluded.body
         WHERE excluded.collected_at >= snapshot.collected_at`,
      )
      .run(snapshot.device, snapshot.collectedAt, JSON.stringify(snapshot));
  }

  latestSnapshot(device: string): DeviceSnapshot | null {
    const row = this.db
      .prepare<[string], { body: string }>('SELECT body FROM snapshot WHERE device = ?')
      .get(device);
    return row ? (JSON.parse(row.body) as DeviceSnapshot) : null;
  }

  latestSnapshots(): DeviceSnapshot[] {
    return this.db
      .prepare<[], { body: string }>('SELECT body FROM snapshot ORDER BY device')
      .all()
      .map((row) => JSON.parse(row.body) as DeviceSnapshot);
  }

  addTunnelEvents(events: readonly TunnelEvent[]): number {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO tunnel_event (device, interface, peer, from_state, to_state, at, source)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    return this.db.transaction(() => {
      let added = 0;
      for (const e of events)
        added += insert.run(e.device, e.interface, e.peer, e.from, e.to, e.at, e.source).changes;
      return added;
    })();
  }

  tunnelEvents(query: TunnelEventQuery = {}): TunnelEvent[] {
    const conditions: string[] = [];
    const params: unknown[] = [];
    for (const column of ['device', 'interface', 'peer'] as const) {
      const value = query[column];
      if (value === undefined) continue;
      conditions.push(`${column} = ?`);
      params.push(value);
    }
    if (query.from !== undefined) {
      conditions.push('at >= ?');
      params.push(query.from);
    }
    if (query.to !== undefined) {
      conditions.push('at <= ?');
      params.push(query.to);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const limit = query.limit === undefined ? '' : 'LIMIT ?';
    if (query.limit !== undefined) params.push(query.limit);
    const rows = this.db
      .prepare<unknown[], EventRow>(
        `SELECT * FROM (
           SELECT * FROM tunnel_event ${where} ORDER BY at DESC, device, interface, peer ${limit}
         ) ORDER BY at, device, interface, peer`,
      )
      .all(...params);
    return rows.map(toEvent);
  }

  recordDiagnosis(device: string, findings: readonly Finding[], at: number): void {
    const findActive = this.db.prepare<[string, string, string, string], { id: number }>(
      `SELECT id FROM finding
       WHERE rule = ? AND device = ? AND interface = ? AND peer = ? AND cleared_at IS NULL`,
    );
    const refresh = this.db.prepare(
      'UPDATE finding SET severity = ?, layer = ?, last_seen = ?, body = ? WHERE id = ?',
    );
    const insert = this.db.prepare(
      `INSERT INTO finding (rule, device, interface, peer, severity, layer, since, last_seen, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      const seen = new Set<number>();
      for (const finding of findings) {
        const identity = findingIdentity(finding);
        const body = JSON.stringify(finding);
        const active = findActive.get(...identity);
        if (active) {
          refresh.run(finding.severity, finding.layer, at, body, active.id);
          seen.add(active.id);
        } else {
          const id = insert.run(
            ...identity,
            finding.severity,
            finding.layer,
            finding.since,
            at,
            body,
          ).lastInsertRowid;
          seen.add(Number(id));
        }
      }
      const stillActive = this.db
        .prepare<[string], { id: number }>('SELECT id FROM finding WHERE device = ? AND cleared_at IS NULL')
        .all(device);
      const clear = this.db.prepare('UPDATE finding SET cleared_at = ? WHERE id = ?');
      for (const { id } of stillActive) if (!seen.has(id)) clear.run(at, id);
    })();
  }

  findings(query: FindingQuery = {}): StoredFinding[] {
    const conditions: string[] = [];
    const params: unknown[] = [];
    for (const column of ['device', 'severity', 'layer'] as const) {
      const value = query[column];
      if (value === undefined) continue;
      conditions.push(`${column} = ?`);
      params.push(value);
    }
    if (query.active !== undefined)
      conditions.push(query.active ? 'cleared_at IS NULL' : 'cleared_at IS NOT NULL');
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return this.db
      .prepare<unknown[], FindingRow>(
        `SELECT id, since, last_seen, cleared_at, body FROM finding ${where} ORDER BY since, id`,
      )
      .all(...params)
      .map(toFinding);
  }

  close(): void {
    this.db.close();
  }
}
