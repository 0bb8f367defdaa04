// Splits a pasted terminal session (`hub1#show dmvpn` prompt lines, each followed by its output) into commands.

/** A prompt line: hostname, optional mode like `(config-if)`, `#` or `>`, then what was typed. */
const PROMPT = /^([A-Za-z0-9][\w.\-/:]*)(\([\w-]+\))?([#>])\s*(.*)$/;

export interface SessionCommand {
  device: string;
  /** The command as typed at the prompt. */
  command: string;
  /** 1-based line of the prompt line in the whole log. */
  line: number;
  output: string;
}

/**
 * The commands typed at exec prompts and the output of each. Text before the first prompt and commands typed in
 * configuration mode are not show output and are left out; an empty result means the text is not a session log.
 */
export function splitSessionLog(text: string): SessionCommand[] {
  const lines = text.split(/\r?\n|\r/);
  const commands: SessionCommand[] = [];
  let current: SessionCommand | undefined;
  let outputStart = 0;
  const close = (end: number): void => {
    if (current) current.output = lines.slice(outputStart, end).join('\n');
    current = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const prompt = PROMPT.exec(line);
    if (!prompt || !looksLikePrompt(prompt)) continue;
    close(i);
    const [, device, mode, , typed] = prompt;
    if (mode || !typed) continue;
    current = { device: device!, command: typed.trim(), line: i + 1, output: '' };
    commands.push(current);
    outputStart = i + 1;
  }
  close(lines.length);
  return commands;
}

// `Tunnel0#` or an address never starts a command; a typed command starts with a letter.
function looksLikePrompt(prompt: RegExpExecArray): boolean {
  const typed = prompt[4]!;
  return typed === '' || /^[a-z]/i.test(typed);
}
