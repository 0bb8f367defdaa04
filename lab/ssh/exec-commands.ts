// Reads one exec command line the way the lab's routers do, and says what it asks for.
//
// The routers answer as if their TACACS+ server authorized only read-only commands for the lab's user:
// `show ...`, `terminal ...`, `enable`, `disable`, `exit`/`logout`. IOS prints `Command authorization failed.`
// for any other command it knows (configuration, `clear`, `reload`, `write`, `copy`, `debug`, and the commands the
// lab does not simulate such as `ping`), unless the lab grants write access.

import { CommandTree, refusalText } from '../ios/command-line.js';

export type ExecMode = 'user' | 'privileged' | 'config';

export type ExecAction =
  | { kind: 'show' }
  | { kind: 'print'; text: string }
  | { kind: 'enable' }
  | { kind: 'disable' }
  | { kind: 'exit' }
  | { kind: 'configure' }
  | { kind: 'end' }
  | { kind: 'terminal-length'; lines: number }
  | { kind: 'none' };

export interface ExecContext {
  mode: ExecMode;
  writeAccess: boolean;
  /** Width of the prompt the line was typed after: IOS's caret counts it. */
  promptLength: number;
}

export const AUTHORIZATION_FAILED = 'Command authorization failed.\n';

const USER_KEYWORDS = [
  'connect',
  'disable',
  'enable',
  'exit',
  'logout',
  'ping',
  'show',
  'ssh',
  'telnet',
  'terminal',
  'traceroute',
];
const STATE_CHANGING = [
  'clear',
  'configure',
  'copy',
  'debug',
  'delete',
  'erase',
  'reload',
  'undebug',
  'write',
];
const NOT_SIMULATED = new Set(['connect', 'ping', 'ssh', 'telnet', 'traceroute']);
const PRIVILEGED_ONLY_SHOW = ['running-config', 'startup-config'];
const TERMINAL_LIMIT = 512;

function keywords(mode: ExecMode): string[] {
  return mode === 'user' ? USER_KEYWORDS : [...USER_KEYWORDS, ...STATE_CHANGING];
}

type TerminalHandler = (args: string[]) => ExecAction | undefined;

function terminalSize(apply: (value: number) => ExecAction): TerminalHandler {
  return ([value]) => {
    if (!/^\d+$/.test(value!) || Number(value) > TERMINAL_LIMIT) return undefined;
    return apply(Number(value));
  };
}

const terminalCommands = new CommandTree<TerminalHandler>([
  { form: 'terminal length <lines>', handler: terminalSize((lines) => ({ kind: 'terminal-length', lines })) },
  // The lab never wraps its output: the width is accepted and has no effect.
  { form: 'terminal width <columns>', handler: terminalSize(() => ({ kind: 'none' })) },
  { form: 'terminal monitor', handler: () => ({ kind: 'none' }) },
  { form: 'terminal no monitor', handler: () => ({ kind: 'none' }) },
]);

function invalidAt(line: string, column: number, promptLength: number): ExecAction {
  return {
    kind: 'print',
    text: refusalText(line, { ok: false, kind: 'invalid-input', column }, promptLength),
  };
}

/** The keyword a typed word stands for: itself, or the one keyword it abbreviates. */
function resolve(word: string, candidates: readonly string[]): string[] {
  const lower = word.toLowerCase();
  return candidates.includes(lower) ? [lower] : candidates.filter((keyword) => keyword.startsWith(lower));
}

function showAction(line: string, words: RegExpExecArray[], context: ExecContext): ExecAction {
  const subject = words[1];
  if (subject === undefined) return { kind: 'show' };
  const lower = subject[0].toLowerCase();
  if (context.mode === 'user' && PRIVILEGED_ONLY_SHOW.some((keyword) => keyword.startsWith(lower))) {
    return invalidAt(line, subject.index, context.promptLength);
  }
  if (lower.length >= 4 && 'privilege'.startsWith(lower) && words.length === 2) {
    return { kind: 'print', text: `Current privilege level is ${context.mode === 'user' ? 1 : 15}\n` };
  }
  return { kind: 'show' };
}

function configAction(line: string): ExecAction {
  const command = line.trim().toLowerCase();
  if (command === 'end') return { kind: 'end' };
  if (command === 'exit') return { kind: 'exit' };
  return { kind: 'none' };
}

/** What a line typed at the router's prompt asks for. */
export function interpretLine(line: string, context: ExecContext): ExecAction {
  if (context.mode === 'config') return configAction(line);
  const words = [...line.matchAll(/\S+/g)] as RegExpExecArray[];
  const first = words[0];
  if (first === undefined) return { kind: 'none' };
  const matches = resolve(first[0], keywords(context.mode));
  if (matches.length === 0) return invalidAt(line, first.index, context.promptLength);
  if (matches.length > 1)
    return { kind: 'print', text: refusalText(line, { ok: false, kind: 'ambiguous' }, 0) };
  const keyword = matches[0]!;
  switch (keyword) {
    case 'show':
      return showAction(line, words, context);
    case 'enable':
      return { kind: 'enable' };
    case 'disable':
      return { kind: 'disable' };
    case 'exit':
    case 'logout':
      return { kind: 'exit' };
    case 'terminal': {
      const match = terminalCommands.match(line);
      if (!match.ok) return { kind: 'print', text: refusalText(line, match, context.promptLength) };
      return (
        match.handler(match.args) ?? invalidAt(line, match.argColumns[0] ?? first.index, context.promptLength)
      );
    }
  }
  if (NOT_SIMULATED.has(keyword) || !context.writeAccess)
    return { kind: 'print', text: AUTHORIZATION_FAILED };
  if (keyword === 'configure') {
    const target = words[1]?.[0].toLowerCase() ?? 'terminal';
    if ('terminal'.startsWith(target)) return { kind: 'configure' };
  }
  // Granted, but the lab does not apply CLI changes to its model: the command is accepted and has no effect.
  return { kind: 'none' };
}
