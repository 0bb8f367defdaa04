// The only place that knows every parser: resolves a command line (abbreviations too) or an output to its parser.

import type { Parser } from '../common/parser.js';
import { configParsers } from './config.js';
import { cryptoSessionParsers } from './crypto-session.js';
import { dmvpnParsers } from './dmvpn.js';
import { ikeParsers } from './ike.js';
import { ipsecParsers } from './ipsec.js';
import { nhrpCacheParsers } from './nhrp-cache.js';
import { nhrpServerParsers } from './nhrp-server.js';
import { systemParsers } from './system.js';

/** Detection tries parsers in this order: more specific outputs come before the ones they contain. */
export const parsers: readonly Parser[] = [
  ...dmvpnParsers,
  ...nhrpServerParsers,
  ...nhrpCacheParsers,
  ...ikeParsers,
  ...ipsecParsers,
  ...cryptoSessionParsers,
  ...systemParsers,
  ...configParsers,
];

interface SyntaxNode {
  keywords: Map<string, SyntaxNode>;
  argument?: SyntaxNode;
  parser?: Parser;
}

function newNode(): SyntaxNode {
  return { keywords: new Map() };
}

function buildSyntaxTree(all: readonly Parser[]): SyntaxNode {
  const root = newNode();
  for (const parser of all) {
    for (const form of parser.syntax) {
      let node = root;
      for (const token of form.split(' ')) {
        if (token.startsWith('<')) {
          node.argument ??= newNode();
          node = node.argument;
        } else {
          let next = node.keywords.get(token);
          if (!next) node.keywords.set(token, (next = newNode()));
          node = next;
        }
      }
      if (node.parser && node.parser !== parser) {
        throw new Error(
          `command form "${form}" is claimed by both ${node.parser.command} and ${parser.command}`,
        );
      }
      node.parser = parser;
    }
  }
  return root;
}

const syntaxTree = buildSyntaxTree(parsers);

// Where a keyword and an argument may both follow, an ambiguous abbreviation is an argument only when it looks like
// one (an address, an interface number): `sh ip nhrp s` is ambiguous, `sh ip nhrp 10.0.0.1` is a lookup.
const ARGUMENT_LIKE = /[\d.:/]/;

export interface ResolvedCommand {
  parser: Parser;
  /** The command line with every keyword in full, e.g. `show ip nhrp nhs detail`. */
  expanded: string;
  args: string[];
  /** The line carried an output modifier (`| include`, `| section`, `| begin`, ...). */
  filtered: boolean;
}

export type Resolution = { ok: true; command: ResolvedCommand } | { ok: false; error: string };

/** Resolves a command line as IOS would, accepting any unambiguous abbreviation of each keyword. */
export function resolveCommand(commandLine: string): Resolution {
  const [commandPart = '', ...modifiers] = commandLine.split('|');
  const tokens = commandPart.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { ok: false, error: 'empty command' };
  let node = syntaxTree;
  const expanded: string[] = [];
  const args: string[] = [];
  for (const token of tokens) {
    const lower = token.toLowerCase();
    const exact = node.keywords.get(lower);
    const candidates = exact
      ? [lower]
      : [...node.keywords.keys()].filter((keyword) => keyword.startsWith(lower));
    if (candidates.length === 1) {
      expanded.push(candidates[0]!);
      node = node.keywords.get(candidates[0]!)!;
    } else if (candidates.length > 1 && !(node.argument && ARGUMENT_LIKE.test(token))) {
      return {
        ok: false,
        error: `ambiguous command "${commandLine.trim()}": "${token}" could be ${candidates.join(', ')}`,
      };
    } else if (node.argument) {
      expanded.push(token);
      args.push(token);
      node = node.argument;
    } else {
      return { ok: false, error: `no parser for "${commandLine.trim()}" (at "${token}")` };
    }
  }
  if (!node.parser) return { ok: false, error: `incomplete or unsupported command "${commandLine.trim()}"` };
  return {
    ok: true,
    command: { parser: node.parser, expanded: expanded.join(' '), args, filtered: modifiers.length > 0 },
  };
}

/** The parser whose output this text looks like, judged by its own headers and legends. */
export function detectCommand(text: string): Parser | undefined {
  return parsers.find((parser) => parser.detect?.(text));
}
