// Parses what an engineer pastes: one command's output, or a whole terminal session of several commands.

import type { ParseResult } from '../model/parse.js';
import { detectCommand, resolveCommand } from './registry/index.js';
import { splitSessionLog } from './session-log.js';

export interface ParsedCommand {
  /** The device whose prompt preceded the output, when the text is a session log with prompts. */
  device?: string;
  /** The command line as given or typed at the prompt. */
  commandLine?: string;
  /** 1-based line of the output's first line in the given text. */
  firstLine: number;
  result: ParseResult;
}

const SHOW = /^sh(o|ow)?\s/i;

export class UnknownOutputError extends Error {}

/**
 * Parses `text` as the output of `commandLine` when given; otherwise splits a session log by its prompts, or
 * recognises a single output by its headers. Throws UnknownOutputError only when nothing says what the text is.
 */
export function parseText(text: string, commandLine?: string): ParsedCommand[] {
  if (commandLine !== undefined) return [parseAs(text, commandLine, 1)];
  const session = splitSessionLog(text);
  if (session.length > 0) {
    // `enable`, `terminal length 0`, `configure` print no show output; only show commands are parsed.
    return session
      .filter((entry) => SHOW.test(entry.command))
      .map((entry) => ({
        ...parseAs(entry.output, entry.command, entry.line + 1),
        ...(entry.device ? { device: entry.device } : {}),
      }));
  }
  const parser = detectCommand(text);
  if (!parser) {
    throw new UnknownOutputError(
      'cannot tell which command printed this text: give it with --command "show ..." or paste the prompt line too',
    );
  }
  return [{ firstLine: 1, result: parser.parse(text) }];
}

function parseAs(output: string, commandLine: string, firstLine: number): ParsedCommand {
  const resolution = resolveCommand(commandLine);
  if (!resolution.ok) {
    return {
      commandLine,
      firstLine,
      result: {
        command: commandLine,
        records: [],
        warnings: [],
        error: { kind: 'unknown-command', line: 0, text: commandLine, message: resolution.error },
      },
    };
  }
  const { parser, args, filtered, expanded } = resolution.command;
  // The command as IOS would echo it in full (`sh ip nh nhs det` -> `show ip nhrp nhs detail`).
  return {
    commandLine,
    firstLine,
    result: { ...parser.parse(output, { args, filtered }), command: expanded },
  };
}
