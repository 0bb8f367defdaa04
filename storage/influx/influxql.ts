// InfluxQL over the 1.x HTTP API (POST /query): creating a database, and reading points back.

import { basicAuthorization } from './influx-v1-sink.js';

export interface InfluxQlTarget {
  url: string;
  db?: string;
  username?: string;
  password?: string;
}

export interface InfluxSeries {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
}

interface QueryResponse {
  results?: { statement_id: number; series?: InfluxSeries[]; error?: string }[];
  error?: string;
}

/** Runs one or more statements; times come back as milliseconds since the epoch. */
export async function influxQuery(target: InfluxQlTarget, statement: string): Promise<InfluxSeries[][]> {
  const body = new URLSearchParams({ q: statement, epoch: 'ms' });
  if (target.db) body.set('db', target.db);
  const headers: Record<string, string> = {};
  if (target.username !== undefined)
    headers.authorization = basicAuthorization(target.username, target.password ?? '');
  const response = await fetch(new URL('query', target.url.endsWith('/') ? target.url : `${target.url}/`), {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const parsed = (await response.json()) as QueryResponse;
  const error = parsed.error ?? parsed.results?.find((result) => result.error)?.error;
  if (!response.ok || error) throw new Error(`InfluxQL ${statement}: ${error ?? `HTTP ${response.status}`}`);
  return (parsed.results ?? []).map((result) => result.series ?? []);
}

/** Rows of the first statement's series as objects keyed by column name (with the series tags merged in). */
export function seriesRows(series: readonly InfluxSeries[]): Record<string, unknown>[] {
  return series.flatMap((one) =>
    one.values.map((values) => ({
      ...one.tags,
      ...Object.fromEntries(one.columns.map((column, index) => [column, values[index]])),
    })),
  );
}
