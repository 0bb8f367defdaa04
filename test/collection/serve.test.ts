// `dmvpn-watch start` with no inventory: the simulated network comes up and is watched; SIGTERM stops it cleanly,
// with what it saw in the store.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '../../dist/cli/main.js');
const directory = mkdtempSync(join(tmpdir(), 'serve-'));

afterAll(() => rmSync(directory, { recursive: true, force: true }));

function waitFor(read: () => string, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = (): void => {
      const match = read().match(pattern);
      if (match) resolve(match);
      else if (Date.now() - started > timeoutMs) reject(new Error(`no ${pattern} in:\n${read()}`));
      else setTimeout(check, 100);
    };
    check();
  });
}

describe('dmvpn-watch start', () => {
  it('watches the simulated network, stores what it sees and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'start'], {
      cwd: directory,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor(() => output, /Watching 21 devices/, 20_000);
      // The hub has long lost the spoke with the NHRP authentication fault; every other spoke is up.
      await waitFor(() => output, /hub1 19\/20 peers UP/, 25_000);
      // The diagnosis after the first round of polls names the broken spoke in the summary.
      await waitFor(() => output, /findings: [^\n]*critical[^\n]*nhrp-auth-mismatch@spoke7/, 25_000);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toMatch(/Stopped after \d+ polls/);
    const database = new Database(join(directory, 'data', 'dmvpn-watch.db'), { readonly: true });
    const measurements = database
      .prepare('SELECT DISTINCT measurement FROM series ORDER BY measurement')
      .all()
      .map((row) => (row as { measurement: string }).measurement);
    const findingTags = database
      .prepare("SELECT tags FROM series WHERE measurement = 'finding'")
      .all()
      .map((row) => JSON.parse((row as { tags: string }).tags) as Record<string, string>);
    database.close();
    expect(findingTags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ device: 'spoke7', rule: 'nhrp-auth-mismatch', severity: 'critical' }),
      ]),
    );
    expect(measurements).toEqual(
      expect.arrayContaining([
        'collector_poll',
        'dmvpn_peer',
        'dmvpn_summary',
        'ike_sa',
        'ipsec_sa',
        'tunnel_if',
      ]),
    );
  }, 60_000);
});
