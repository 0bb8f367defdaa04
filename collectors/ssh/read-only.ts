// The only command lines a collector may send to a router: `show ...` (with a filtering pipe at most) and
// `terminal length|width N`. Checked inside the session, so no caller can send anything else.

export class ForbiddenCommandError extends Error {
  constructor(
    readonly device: string,
    readonly command: string,
    reason: string,
  ) {
    super(`${device}: refused to send "${command}": ${reason}`);
    this.name = 'ForbiddenCommandError';
  }
}

/** Output filters that only read; `redirect`, `tee` and `append` write files on the router. */
const READ_ONLY_PIPES = ['include', 'exclude', 'begin', 'section', 'count'];
const WRITING_PIPES = ['redirect', 'tee', 'append'];

/** A word as IOS accepts it: `sh`, `sho` and `show` all mean show (`s` alone is ambiguous). */
function abbreviates(word: string, keyword: string, shortest: number): boolean {
  return word.length >= shortest && keyword.startsWith(word);
}

/** Why `command` may not be sent, or null when it is read-only. */
export function readOnlyViolation(command: string): string | null {
  if ([...command].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f))
    return 'it contains a control character or line break';
  const [head = '', ...pipes] = command.split('|');
  const words = head.trim().toLowerCase().split(/\s+/);
  const [verb = '', ...rest] = words;
  if (abbreviates(verb, 'show', 2)) {
    if (rest.length === 0) return 'show needs an argument';
  } else if (abbreviates(verb, 'terminal', 3)) {
    const [setting = '', value = '', ...extra] = rest;
    const known = abbreviates(setting, 'length', 1) || abbreviates(setting, 'width', 1);
    if (!known || !/^\d+$/.test(value) || extra.length > 0)
      return 'only terminal length N and terminal width N are allowed';
  } else {
    return 'only show and terminal commands are sent to routers';
  }
  // After `| include` the rest of the line is a regex that may hold `|` itself; a later segment that reads like a
  // writing filter is refused all the same, for the IOS-XE releases that chain filters.
  for (const [index, pipe] of pipes.entries()) {
    const filter = pipe.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    const writes = filter.length > 0 && WRITING_PIPES.some((name) => abbreviates(filter, name, 3));
    const reads = filter.length > 0 && READ_ONLY_PIPES.some((name) => abbreviates(filter, name, 1));
    if (writes || (index === 0 && !reads))
      return `the output filter "| ${pipe.trim()}" is not a read-only one (${READ_ONLY_PIPES.join(', ')})`;
  }
  return null;
}

export function assertReadOnly(device: string, command: string): void {
  const reason = readOnlyViolation(command);
  if (reason !== null) throw new ForbiddenCommandError(device, command, reason);
}
