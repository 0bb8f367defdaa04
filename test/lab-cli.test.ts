// `dmvpn-watch lab` as an engineer runs it (the built CLI, in a child process).

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCommand } from '../parsers/registry/index.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');

function lab(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'lab', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function parse(command: string, text: string) {
  const resolution = resolveCommand(command);
  if (!resolution.ok) throw new Error(resolution.error);
  return resolution.command.parser.parse(text);
}

describe('dmvpn-watch lab show', () => {
  it('prints what the hub of a healthy network prints, abbreviations accepted', () => {
    const { status, stdout } = lab(['show', 'hub1', 'sh dmvpn', '--spokes', '3']);
    expect(status).toBe(0);
    const peers = parse('show dmvpn', stdout).records.filter(
      (record) => (record as { kind: string }).kind === 'dmvpn_peer',
    );
    expect(peers.map((peer) => (peer as { state: string }).state)).toEqual(['UP', 'UP', 'UP']);
  });

  it('shows an injected fault from the spoke it was put on', () => {
    const { status, stdout } = lab([
      'show',
      'spoke1',
      'show ip nhrp nhs detail',
      '--spokes',
      '3',
      '--fault',
      'nhrp-auth-mismatch@spoke1',
    ]);
    expect(status).toBe(0);
    expect(parse('show ip nhrp nhs detail', stdout).records[0]).toMatchObject({
      kind: 'nhrp_nhs',
      up: false,
    });
  });

  it('answers a mistyped command as IOS does', () => {
    const { status, stdout } = lab(['show', 'spoke1', 'sh dmvpm']);
    expect(status).toBe(0);
    expect(stdout).toBe("   ^\n% Invalid input detected at '^' marker.\n\n");
  });

  it('refuses a router, a fault or an option that does not exist, naming it', () => {
    expect(lab(['show', 'spoke9', 'sh dmvpn', '--spokes', '3'])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('no router named spoke9'),
    });
    expect(lab(['show', 'hub1', 'sh dmvpn', '--fault', 'no-such-fault'])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--fault no-such-fault: unknown fault "no-such-fault"'),
    });
    expect(lab(['show', 'hub1', 'sh dmvpn', '--spokes', '9000'])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--spokes must be at most 5000'),
    });
  });
});

describe('dmvpn-watch lab faults', () => {
  it('lists every fault with its layer, default target and what it breaks', () => {
    const { status, stdout } = lab(['faults']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^nhrp-auth-mismatch\s+nhrp\s+spoke\s+\S/m);
    expect(stdout.trim().split('\n').length).toBeGreaterThanOrEqual(30);
  });
});
