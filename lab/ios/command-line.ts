// Reads an exec command line the way IOS does: unique abbreviations, arguments, and IOS's own error messages.

/** One command the router answers: its keywords in full, `<name>` for an argument. */
export interface CommandForm<H> {
  form: string;
  handler: H;
}

interface Node<H> {
  keywords: Map<string, Node<H>>;
  argument?: Node<H>;
  handler?: H;
}

export type CommandMatch<H> =
  | { ok: true; handler: H; args: string[]; argColumns: number[]; expanded: string }
  | { ok: false; kind: 'invalid-input'; column: number }
  | { ok: false; kind: 'ambiguous' }
  | { ok: false; kind: 'incomplete' };

export class CommandTree<H> {
  private readonly root: Node<H> = { keywords: new Map() };

  constructor(forms: readonly CommandForm<H>[]) {
    for (const { form, handler } of forms) {
      let node = this.root;
      for (const token of form.split(' ')) {
        if (token.startsWith('<')) node = node.argument ??= { keywords: new Map() };
        else {
          let next = node.keywords.get(token);
          if (!next) node.keywords.set(token, (next = { keywords: new Map() }));
          node = next;
        }
      }
      node.handler = handler;
    }
  }

  /** Matches a typed line; `column` of an invalid input is the index of the word IOS puts its caret under. */
  match(line: string): CommandMatch<H> {
    let node = this.root;
    const args: string[] = [];
    const argColumns: number[] = [];
    const expanded: string[] = [];
    const tokenPattern = /\S+/g;
    for (let token = tokenPattern.exec(line); token; token = tokenPattern.exec(line)) {
      const word = token[0];
      const lower = word.toLowerCase();
      const candidates = node.keywords.has(lower)
        ? [lower]
        : [...node.keywords.keys()].filter((keyword) => keyword.startsWith(lower));
      if (candidates.length === 1) {
        expanded.push(candidates[0]!);
        node = node.keywords.get(candidates[0]!)!;
      } else if (node.argument) {
        expanded.push(word);
        args.push(word);
        argColumns.push(token.index);
        node = node.argument;
      } else if (candidates.length > 1) {
        return { ok: false, kind: 'ambiguous' };
      } else {
        return { ok: false, kind: 'invalid-input', column: token.index };
      }
    }
    if (!node.handler) return { ok: false, kind: 'incomplete' };
    return { ok: true, handler: node.handler, args, argColumns, expanded: expanded.join(' ') };
  }
}

/**
 * What IOS prints for a command it refuses. `promptLength` is the width of the prompt the command was typed after
 * (IOS puts the caret under the bad word of the echoed line, prompt included).
 */
export function refusalText(
  line: string,
  match: Exclude<CommandMatch<unknown>, { ok: true }>,
  promptLength: number,
): string {
  switch (match.kind) {
    case 'invalid-input':
      return `${' '.repeat(promptLength + match.column)}^\n% Invalid input detected at '^' marker.\n\n`;
    case 'ambiguous':
      return `% Ambiguous command:  "${line.trim()}"\n`;
    case 'incomplete':
      return '% Incomplete command.\n\n';
  }
}
