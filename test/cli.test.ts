// The `dmvpn-watch parse` command as an engineer runs it (the built CLI, in a child process).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './fixture-files.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const SHOW_DMVPN = join(FIXTURES, 'show_dmvpn', 'ntc__cisco_ios_show_dmvpn.raw');

function run(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
});

describe('dmvpn-watch parse', () => {
  it('prints the records of a file as JSON when told the command, abbreviated', () => {
    const { status, stdout } = run(['parse', '--command', 'sh dmvpn', SHOW_DMVPN]);
    expect(status).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.command).toBe('show dmvpn');
    expect(result.records.filter((record: { kind: string }) => record.kind === 'dmvpn_peer')).toHaveLength(2);
    expect(result.warnings).toEqual([]);
  });

  it('recognises the command from the output itself', () => {
    const { status, stdout } = run(['parse', SHOW_DMVPN]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).command).toBe('show dmvpn');
  });

  it('splits a session log from standard input by its prompts', () => {
    const log = [
      'spoke1#show crypto isakmp sa',
      'IPv4 Crypto ISAKMP SA',
      'dst             src             state          conn-id status',
      '203.0.113.1     198.51.100.2    QM_IDLE           1001 ACTIVE',
      '',
      'spoke1#sh ip nhrp nhs detail',
      'Legend: E=Expecting replies, R=Responding, W=Waiting',
      'Tunnel0:',
      '10.0.0.1  RE priority = 0 cluster = 0  req-sent 3  req-failed 0  repl-recv 3 (00:02:25 ago)',
      'spoke1#',
    ].join('\n');
    const { status, stdout } = run(['parse', '-'], log);
    expect(status).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(
      parsed.map((entry: { device: string; result: { command: string } }) => [
        entry.device,
        entry.result.command,
      ]),
    ).toEqual([
      ['spoke1', 'show crypto isakmp sa'],
      ['spoke1', 'show ip nhrp nhs detail'],
    ]);
    expect(parsed[1].result.records[0]).toMatchObject({
      kind: 'nhrp_nhs',
      nhs: '10.0.0.1',
      flags: 'RE',
      up: true,
    });
  });

  it('prints readable tables with --format table', () => {
    const { status, stdout } = run(['parse', '-c', 'show dmvpn', '--format', 'table', SHOW_DMVPN]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^dmvpn_peer \(2\)$/m);
    expect(stdout).toMatch(/peerNbma\s+peerTunnel\s+state/);
    expect(stdout).toContain('10.200.0.3');
  });

  it('exits 1 and says why when the router refused the command', () => {
    const { status, stdout } = run(
      ['parse', '-c', 'show dmvpn'],
      "sh dmvpm\n      ^\n% Invalid input detected at '^' marker.\n",
    );
    expect(status).toBe(1);
    expect(JSON.parse(stdout).error).toMatchObject({ kind: 'invalid-input', line: 3 });
  });

  it('exits 2 naming standard input when nothing says what the text is', () => {
    const { status, stderr } = run(['parse'], 'hello world\n');
    expect(status).toBe(2);
    expect(stderr).toMatch(/standard input: cannot tell which command printed this text/);
  });

  it('exits 2 naming the file it cannot read', () => {
    const { status, stderr } = run(['parse', '/nonexistent/capture.txt']);
    expect(status).toBe(2);
    expect(stderr).toContain('cannot read /nonexistent/capture.txt');
  });
});
