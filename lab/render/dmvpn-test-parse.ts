// Reads rendered text back through our parsers, as the product would, and reads real captures. Test support only.

import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { resolveCommand } from '../../parsers/registry/index.js';

/** Parses `text` as the output of `commandLine` and requires that every line was understood. */
export function parseRendered<R>(commandLine: string, text: string): R[] {
  const resolution = resolveCommand(commandLine);
  if (!resolution.ok) throw new Error(resolution.error);
  const { parser, args } = resolution.command;
  const result = parser.parse(text, { args });
  expect(result.error).toBeUndefined();
  expect(result.warnings).toEqual([]);
  return result.records as R[];
}

/** A capture under test/fixtures/<command>/, as the router printed it. */
export function captureText(command: string, file: string): string {
  return readFileSync(new URL(`../../test/fixtures/${command}/${file}`, import.meta.url), 'utf8');
}

/** The lines of a capture, without the newline that ends the last one. */
export function captureLines(command: string, file: string): string[] {
  return captureText(command, file).replace(/\n$/, '').split('\n');
}

/** Where each word of a line starts: the column layout a table row shares with another of same-width values. */
export function columnStarts(line: string): number[] {
  return [...line.matchAll(/\S+/g)].map((match) => match.index);
}
