// A loopback HTTP server that records each request and answers with the status a test scripts, standing in for a
// remote store's HTTP endpoint.

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export class RecordingHttpServer {
  readonly requests: RecordedRequest[] = [];
  /** Status codes for the next requests, in order; 204 once they are used up. */
  readonly statuses: number[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<RecordingHttpServer> {
    const recorder: RecordingHttpServer = new RecordingHttpServer(
      createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          recorder.requests.push({
            method: request.method ?? '',
            url: new URL(request.url ?? '/', 'http://127.0.0.1'),
            headers: request.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
          const status = recorder.statuses.shift() ?? 204;
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(status === 204 ? undefined : JSON.stringify({ error: `scripted ${status}` }));
        });
      }),
    );
    await new Promise<void>((resolve) => recorder.server.listen(0, '127.0.0.1', resolve));
    return recorder;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
