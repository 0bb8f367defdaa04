// Range and latest queries against InfluxDB 1.x in InfluxQL, returning Samples as the SQLite store does.

import type { FieldValue, Sample } from '../../model/sample.js';
import type { RangeQuery, SeriesFilter, TimeSeriesReader } from '../time-series-store.js';
import { influxQuery, type InfluxQlTarget, type InfluxSeries } from './influxql.js';

const identifier = (name: string): string => `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const literal = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function selectClause(filter: SeriesFilter, retentionPolicy: string | undefined): string {
  const fields = filter.fields?.length ? filter.fields.map(identifier).join(', ') : '*';
  const source = retentionPolicy
    ? `${identifier(retentionPolicy)}.${identifier(filter.measurement)}`
    : identifier(filter.measurement);
  return `SELECT ${fields} FROM ${source}`;
}

function tagConditions(filter: SeriesFilter): string[] {
  return Object.entries(filter.tags ?? {}).map(([name, value]) => `${identifier(name)} = ${literal(value)}`);
}

/** With `GROUP BY *`, each series carries its tags and each row holds its time and field values (null when unset). */
function seriesToSamples(measurement: string, series: readonly InfluxSeries[]): Sample[] {
  const samples: Sample[] = [];
  for (const one of series)
    for (const row of one.values) {
      const fields: Record<string, FieldValue> = {};
      let time = 0;
      one.columns.forEach((column, index) => {
        const value = row[index];
        if (column === 'time') time = value as number;
        else if (value !== null && value !== undefined) fields[column] = value as FieldValue;
      });
      if (Object.keys(fields).length > 0) samples.push({ measurement, tags: { ...one.tags }, fields, time });
    }
  return samples;
}

export class InfluxV1Reader implements TimeSeriesReader {
  constructor(private readonly target: InfluxQlTarget & { db: string; retentionPolicy?: string }) {}

  async range(query: RangeQuery): Promise<Sample[]> {
    const conditions = [...tagConditions(query), `time >= ${query.from}ms`, `time <= ${query.to}ms`];
    const statement = `${selectClause(query, this.target.retentionPolicy)} WHERE ${conditions.join(' AND ')} GROUP BY *`;
    const samples = seriesToSamples(query.measurement, await this.query(statement));
    return samples.sort((a, b) => a.time - b.time);
  }

  async latest(filter: SeriesFilter): Promise<Sample[]> {
    const where = tagConditions(filter);
    const statement =
      `${selectClause(filter, this.target.retentionPolicy)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}` +
      ` GROUP BY * ORDER BY time DESC LIMIT 1`;
    return seriesToSamples(filter.measurement, await this.query(statement));
  }

  private async query(statement: string): Promise<InfluxSeries[]> {
    const [series] = await influxQuery(this.target, statement);
    return series ?? [];
  }
}
