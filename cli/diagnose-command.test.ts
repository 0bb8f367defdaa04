// `dmvpn-watch diagnose --from`: capture folders in each layout, a pasted log, and the live form's clear refusal.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { labSnapshots } from '../test/diagnosis-lab.js';
import { DiagnoseUsageError, readCaptures, runDiagnose } from './diagnose-command.js';

const COMMANDS = ['show dmvpn', 'show ip nhrp nhs detail', 'show crypto isakmp sa', 'show logging'];
const [hub, spoke] = labSnapshots({
  fault: { id: 'nhrp-auth-mismatch' },
  routers: ['hub1', 'spoke1'],
  commands: COMMANDS,
});

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function folder(): string {
  dir = mkdtempSync(join(tmpdir(), 'diagnose-'));
  return dir;
}

describe('diagnose --from', () => {
  it('reads a folder per device, files named after commands, and a device log with prompts', () => {
    const root = folder();
    mkdirSync(join(root, 'spoke1'));
    for (const output of spoke!.outputs)
      writeFileSync(join(root, 'spoke1', `${output.command.replace(/ /g, '_')}.txt`), output.raw);
    writeFileSync(
      join(root, 'hub1.log'),
      hub!.outputs.map((output) => `hub1#${output.command}\n${output.raw}`).join('\n'),
    );
    const snapshots = readCaptures(root);
    expect(snapshots.map((snapshot) => [snapshot.device, snapshot.outputs.length])).toEqual([
      ['hub1', 4],
      ['spoke1', 4],
    ]);
    const { text, faults } = runDiagnose([], { from: root, format: 'text', colour: false });
    expect(faults).toBe(true);
    expect(text).toContain('nhrp-auth-mismatch');
  });

  it('reads `device__command` files and outputs recognised by their headers', () => {
    const root = folder();
    writeFileSync(join(root, 'spoke1__show_ip_nhrp_nhs_detail.txt'), spoke!.outputs[1]!.raw);
    writeFileSync(join(root, 'spoke1__dmvpn.txt'), spoke!.outputs[0]!.raw);
    const [snapshot] = readCaptures(root);
    expect(snapshot!.outputs.map((output) => output.command).sort()).toEqual([
      'show dmvpn',
      'show ip nhrp nhs detail',
    ]);
    const { text } = runDiagnose([], { from: root, format: 'json', colour: false });
    expect(JSON.parse(text).findings[0].rule).toBe('nhrp-registration-failing');
  });

  it('refuses live runs and input it cannot read, saying what to do', () => {
    expect(() => runDiagnose(['spoke1'], { format: 'text', colour: false })).toThrow(DiagnoseUsageError);
    expect(() => runDiagnose([], { all: true, format: 'text', colour: false })).toThrow(/--from/);
    const root = folder();
    writeFileSync(join(root, 'notes.txt'), 'nothing a router printed\n');
    expect(() => runDiagnose([], { from: root, format: 'text', colour: false })).toThrow(/no router output/);
  });
});
