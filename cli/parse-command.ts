// `dmvpn-watch parse`: prints the records of pasted router output as JSON or tables.

import { readFileSync } from 'node:fs';
import type { ParseWarning } from '../model/parse.js';
import { parseText, type ParsedCommand } from '../parsers/parse-text.js';
import { renderRecords } from './table.js';

export interface ParseCommandOptions {
  command?: string;
  format: 'json' | 'table';
}

export function readInput(file: string | undefined): string {
  return readFileSync(file === undefined || file === '-' ? 0 : file, 'utf8');
}

function describeWarning(parsed: ParsedCommand, warning: ParseWarning): string {
  return `  line ${parsed.firstLine + warning.line - 1}: ${warning.reason}: ${JSON.stringify(warning.text)}`;
}

function renderParsedAsTable(parsed: ParsedCommand): string {
  const heading = [parsed.device, parsed.commandLine ?? parsed.result.command].filter(Boolean).join('# ');
  const parts = [`== ${heading}`];
  if (parsed.result.error) parts.push(`error: ${parsed.result.error.message}`);
  if (parsed.result.records.length > 0) parts.push(renderRecords(parsed.result.records));
  else if (!parsed.result.error) parts.push('(no records)');
  if (parsed.result.warnings.length > 0) {
    parts.push(`warnings (${parsed.result.warnings.length}):`);
    parts.push(...parsed.result.warnings.map((warning) => describeWarning(parsed, warning)));
  }
  return parts.join('\n');
}

/** Returns what to print and whether every output parsed without error. */
export function runParse(text: string, options: ParseCommandOptions): { text: string; ok: boolean } {
  const parsed = parseText(text, options.command);
  const ok = parsed.every((entry) => !entry.result.error);
  if (options.format === 'table') return { text: parsed.map(renderParsedAsTable).join('\n\n'), ok };
  const body = parsed.length === 1 && !parsed[0]!.device ? parsed[0]!.result : parsed;
  return { text: JSON.stringify(body, null, 2), ok };
}
