// Writes to InfluxDB 1.x through its HTTP API: POST /write?db=&rp=&precision=ms with line protocol.

import type { Sample } from '../../model/sample.js';
import { BatchRejectedError, isRejection, type SampleSink } from '../sample-sink.js';
import { samplesToLines } from './line-protocol.js';

export interface InfluxV1Options {
  url: string;
  db: string;
  retentionPolicy?: string;
  username?: string;
  password?: string;
  timeoutMs?: number;
}

/** Basic authentication is the same as `u=`/`p=` to InfluxDB 1.x, and keeps the password out of URLs and logs. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export class InfluxV1Sink implements SampleSink {
  private readonly writeUrl: string;
  private readonly headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };

  constructor(private readonly options: InfluxV1Options) {
    const url = new URL('write', options.url.endsWith('/') ? options.url : `${options.url}/`);
    url.searchParams.set('db', options.db);
    if (options.retentionPolicy) url.searchParams.set('rp', options.retentionPolicy);
    url.searchParams.set('precision', 'ms');
    this.writeUrl = url.toString();
    if (options.username !== undefined)
      this.headers.authorization = basicAuthorization(options.username, options.password ?? '');
  }

  get description(): string {
    return `InfluxDB 1.x ${this.options.url} db ${this.options.db}`;
  }

  async writeBatch(samples: readonly Sample[]): Promise<void> {
    const lines = samplesToLines(samples);
    if (lines.length === 0) return;
    const response = await fetch(this.writeUrl, {
      method: 'POST',
      headers: this.headers,
      body: lines.join('\n'),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    if (response.status === 204 || response.status === 200) return;
    const message = `${this.description}: HTTP ${response.status} ${(await response.text()).slice(0, 500)}`;
    throw isRejection(response.status) ? new BatchRejectedError(message) : new Error(message);
  }
}
