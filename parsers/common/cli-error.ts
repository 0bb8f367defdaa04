// Recognises the router refusing a command (`% Invalid input`, `% Ambiguous command`, ...) or printing nothing.

import type { CliError } from '../../model/parse.js';

const MARKERS: [RegExp, CliError['kind'], string][] = [
  [
    /^\s*% Invalid input detected/,
    'invalid-input',
    'the router rejected the command (% Invalid input detected)',
  ],
  [/^\s*% Ambiguous command/, 'ambiguous-command', 'the router found the command ambiguous'],
  [/^\s*% Incomplete command/, 'incomplete-command', 'the router says the command is incomplete'],
  [
    /^\s*% (?:Unknown command|Unrecognized command|Bad IP address|Type "show \?")/,
    'unknown-command',
    'the router does not know the command',
  ],
];

/** The router's refusal or an empty output, or undefined when the text is an answer to parse. */
export function detectCliError(lines: readonly string[]): CliError | undefined {
  let sawText = false;
  for (let i = 0; i < lines.length && i < 8; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    sawText = true;
    for (const [pattern, kind, message] of MARKERS) {
      if (pattern.test(line)) return { kind, line: i + 1, text: line, message };
    }
  }
  if (!sawText && lines.every((line) => line.trim() === '')) {
    return { kind: 'empty', line: 1, text: '', message: 'the output is empty' };
  }
  return undefined;
}
