// Every real capture parses with no unexplained warning and gives the reviewed parse pinned beside it.
//
// To pin a new capture: `PIN=1 npx vitest run test/fixtures.test.ts`, then read the new `.parsed.json` by hand
// against the capture and give every warning an `explanation`.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectCommand, resolveCommand } from '../parsers/registry/index.js';
import { listCaptures } from './fixture-files.js';

const UNEXPLAINED = 'UNEXPLAINED: read the capture and say why this line is not a record';

describe.each(listCaptures())('$folder/$name', (capture) => {
  const raw = readFileSync(capture.rawPath, 'utf8');

  it('resolves its command to a parser', () => {
    expect(capture.command, `${capture.folder}/command.txt is missing`).not.toBe('');
    const resolution = resolveCommand(capture.command);
    expect(resolution.ok ? '' : resolution.error).toBe('');
  });

  it('parses to the reviewed records with every warning explained', () => {
    const resolution = resolveCommand(capture.command);
    if (!resolution.ok) throw new Error(resolution.error);
    const { parser, args, filtered } = resolution.command;
    const result = parser.parse(raw, { args, filtered });
    const actual = JSON.parse(
      JSON.stringify({ error: result.error, records: result.records, warnings: result.warnings }),
    );
    if (!existsSync(capture.pinnedPath)) {
      if (!process.env.PIN)
        throw new Error(`no reviewed parse at ${capture.pinnedPath}; run with PIN=1 and review it`);
      const pinned = {
        ...actual,
        warnings: actual.warnings.map((warning: object) => ({ ...warning, explanation: UNEXPLAINED })),
      };
      writeFileSync(capture.pinnedPath, JSON.stringify(pinned, null, 2) + '\n');
    }
    const pinned = JSON.parse(readFileSync(capture.pinnedPath, 'utf8'));
    const explanations: string[] = pinned.warnings.map(
      (warning: { explanation?: string }) => warning.explanation ?? '',
    );
    for (const [index, explanation] of explanations.entries()) {
      expect(explanation, `warning ${index} of ${capture.pinnedPath} is not explained`).not.toMatch(
        /^$|^UNEXPLAINED/,
      );
    }
    const withoutExplanations = pinned.warnings.map(
      ({ explanation: _, ...warning }: { explanation?: string }) => warning,
    );
    expect(actual).toEqual({ ...pinned, warnings: withoutExplanations });
    expect(result.error, 'a real capture must parse, not be refused').toBeUndefined();
  });

  it('is recognised from its own output without the command line', () => {
    const detected = detectCommand(raw);
    expect(detected?.command, 'no parser recognises this output').toBeDefined();
    const resolution = resolveCommand(capture.command);
    if (!resolution.ok) throw new Error(resolution.error);
    // Without its command line an output loses what only the arguments said (e.g. the interface), on both sides.
    const expected = resolution.command.parser.parse(raw).records;
    expect(detected!.parse(raw).records).toEqual(expected);
  });
});
