// Recognises what the terminal prints around an output: the echoed command, prompts and the exec timestamp banner.

/** A prompt at the start of a line (`hub#`, `hub(config)#`, `spoke1>`), and what was typed after it. */
const PROMPT = /^[\w.\-()/:@]*[#>]\s*(\S.*)?$/;
const SHOW_COMMAND = /^\s*sh(?:o|ow)?\s/i;
/** Every banner or echo line terminalLine takes starts like this: one test lets most output lines go at once. */
const MAYBE_BANNER_OR_ECHO = /^\s*(?:load for |no time source|time source is|sh)/i;
/** Every prompt line terminalLine takes starts like this. */
const MAYBE_PROMPT = /^[\w.\-()/:@]*[#>]\s*(?:sh|$)/i;

/** A prompt ends with `#` or `>`: most lines hold neither, and are let go without running the regex. */
function hasPromptMark(line: string): boolean {
  return line.indexOf('#') >= 0 || line.indexOf('>') >= 0;
}

/**
 * `Load for five secs: ...`, `Time source is NTP, ...`, `No time source, ...` from `start`: the lines `terminal exec
 * prompt timestamp` prints before every output.
 */
export function isExecBanner(line: string, start = 0): boolean {
  return (
    line.startsWith('Load for ', start) ||
    line.startsWith('No time source', start) ||
    line.startsWith('Time source is', start)
  );
}

/** What was typed after the prompt `line` starts with ('' for a bare prompt), or undefined when it starts with none. */
export function typedAtPrompt(line: string): string | undefined {
  if (!hasPromptMark(line)) return undefined;
  const prompt = PROMPT.exec(line);
  return prompt ? (prompt[1] ?? '') : undefined;
}

/**
 * Recognises the terminal's lines around an output (its first non-blank character at `start`): the command echo
 * (`show ip nhrp`), a prompt with or without a show command (`hub#show ip nhrp vrf X`, `hub#`), and the exec
 * timestamp banner. Returns the echoed command line ('' for a bare prompt or a banner line), or undefined when the
 * line is none of these.
 */
export function terminalLine(line: string, start = 0): string | undefined {
  if (!MAYBE_BANNER_OR_ECHO.test(line) && !(hasPromptMark(line) && MAYBE_PROMPT.test(line))) return undefined;
  if (isExecBanner(line, start)) return '';
  if (SHOW_COMMAND.test(line)) return line.trim();
  const command = typedAtPrompt(line);
  return command === '' || (command !== undefined && SHOW_COMMAND.test(command)) ? command.trim() : undefined;
}

/** True for a line the terminal printed around the output rather than the command (see terminalLine). */
export function isTerminalNoise(line: string, start = 0): boolean {
  return terminalLine(line, start) !== undefined;
}
