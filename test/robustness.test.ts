// Bad input never throws: every parser meets every other command's output, random bytes, cut-off text and a
// whole `show tech` paste, and answers with records, warnings or a clear error.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText } from '../parsers/parse-text.js';
import { parsers, resolveCommand } from '../parsers/registry/index.js';
import { listCaptures } from './fixture-files.js';

const captures = listCaptures().map((capture) => ({
  ...capture,
  text: readFileSync(capture.rawPath, 'utf8'),
}));

describe('every parser on every capture', () => {
  it.each(parsers.map((parser) => [parser.command, parser] as const))('%s never throws', (_, parser) => {
    for (const capture of captures) {
      const result = parser.parse(capture.text);
      expect(Array.isArray(result.records)).toBe(true);
      const cut = capture.text.slice(0, Math.floor(capture.text.length / 2) + 7);
      expect(() => parser.parse(cut)).not.toThrow();
    }
  });
});

describe('garbage', () => {
  const garbage = randomBytes(10 * 1024 * 1024).toString('latin1');

  it.each(parsers.map((parser) => [parser.command, parser] as const))(
    '%s reads 10 MB of random bytes as not its output, with a bounded list of warnings',
    (_, parser) => {
      const result = parser.parse(garbage);
      expect(result.warnings.length).toBeLessThanOrEqual(101);
      if (result.records.length === 0) expect(result.error?.kind).toMatch(/not-recognized|empty/);
    },
  );

  it('an empty output is reported as empty by every parser', () => {
    for (const parser of parsers) expect(parser.parse('').error?.kind).toBe('empty');
  });

  it("a rejected command is reported with the router's own message", () => {
    const refusal = ['show dmvpm', '         ^', "% Invalid input detected at '^' marker.", ''].join('\n');
    for (const parser of parsers) {
      expect(parser.parse(refusal).error).toMatchObject({ kind: 'invalid-input', line: 3 });
    }
  });
});

describe('a whole terminal session pasted from a ticket', () => {
  const commands = [
    'show version',
    'show running-config',
    'show interfaces Tunnel0',
    'show dmvpn',
    'show dmvpn detail',
    'show ip nhrp',
    'show ip nhrp nhs detail',
    'show ip nhrp traffic',
    'show crypto isakmp sa',
    'show crypto ikev2 sa detailed',
    'show crypto ipsec sa',
    'show crypto session detail',
    'show ip eigrp neighbors',
    'show logging',
  ];
  const byCommand = new Map<string, string>();
  for (const capture of captures) {
    const resolution = resolveCommand(capture.command);
    if (!resolution.ok) continue;
    const key = resolution.command.parser.command;
    if (!byCommand.has(key)) byCommand.set(key, capture.text);
  }
  const outputOf = (command: string): string => {
    const resolution = resolveCommand(command);
    if (!resolution.ok) throw new Error(resolution.error);
    return byCommand.get(resolution.command.parser.command) ?? '';
  };
  const log = commands.map((command) => `hub1#${command}\n${outputOf(command)}`).join('\n');

  it('splits it by prompt and parses each command with its own parser', () => {
    const parsed = parseText(log + '\nhub1#');
    expect(parsed.map((entry) => entry.commandLine)).toEqual(commands);
    for (const entry of parsed) {
      expect(entry.device).toBe('hub1');
      expect(entry.result.error, `${entry.commandLine}: ${entry.result.error?.message}`).toBeUndefined();
    }
    expect(parsed.reduce((sum, entry) => sum + entry.result.records.length, 0)).toBeGreaterThan(50);
  });

  it('reads a whole show tech-support, section by section', () => {
    const tech = commands
      .map((command) => `------------------ ${command} ------------------\n\n${outputOf(command)}\n`)
      .join('\n');
    const parsed = parseText(`hub1#show tech-support\n${tech}\nhub1#`);
    expect(parsed.map((entry) => entry.commandLine)).toEqual(commands);
    for (const entry of parsed) expect(entry.result.error, entry.commandLine).toBeUndefined();
  });

  it('a show command we have no parser for is reported, not dropped', () => {
    const parsed = parseText('hub1#show clock\n*12:00:01.123 UTC Wed Nov 25 2026\nhub1#show dmvpn\n');
    expect(parsed[0]).toMatchObject({
      commandLine: 'show clock',
      result: { error: { kind: 'unknown-command' } },
    });
  });
});
