// Splits a pasted terminal session (`hub1#show dmvpn` prompt lines, each followed by its output), or a `show tech`
// (`------------------ show dmvpn ------------------` section headers), into commands.

/** A prompt line: hostname, optional mode like `(config-if)`, `#` or `>`, then what was typed. */
const PROMPT = /^([A-Za-z0-9][\w.\-/:]*)(\([\w-]+\))?([#>])\s*(.*)$/;
/** A section of `show tech-support`: the command between two runs of dashes. */
const TECH_SECTION = /^-{5,} (show .+?) -{5,}\s*$/;
const SHOW_TECH = /^sh\S* +tech/i;

export interface SessionCommand {
  /** The prompt's hostname; empty for a `show tech` section pasted without its prompt. */
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
  let device = '';
  const close = (end: number): void => {
    if (current) current.output = lines.slice(outputStart, end).join('\n');
    current = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const section = TECH_SECTION.exec(line);
    if (section) {
      // The `show tech` itself prints only its sections: each section stands for its own command.
      if (current && SHOW_TECH.test(current.command)) commands.pop();
      else close(i);
      current = { device, command: section[1]!, line: i + 1, output: '' };
      commands.push(current);
      outputStart = i + 1;
      continue;
    }
    const prompt = PROMPT.exec(line);
    if (!prompt || !looksLikePrompt(prompt)) continue;
    close(i);
    const [, hostname, mode, , typed] = prompt;
    device = hostname!;
    if (mode || !typed) continue;
    current = { device, command: typed.trim(), line: i + 1, output: '' };
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
