// Line grammars the NHRP cache views share (`show ip nhrp`, `redirect`): NHRP's words, Type/Flags, the VRF echoed.

import { skipBlanks } from './common/text.js';

// The words NHRP prints over and over (types and flags) are shared instead of cut anew from every line.
const COMMON_WORDS = [
  'static',
  'dynamic',
  'incomplete',
  'router',
  'nhop',
  'rib',
  'nho',
  'used',
  'unique',
  'registered',
  'local',
  'implicit',
  'negative',
  'authoritative',
  'nat',
  'bfd',
  'temporary',
];
const COMMON_BY_LENGTH: string[][] = [];
for (const word of COMMON_WORDS) (COMMON_BY_LENGTH[word.length] ??= []).push(word);

/** `text.slice(from, end)`, as the shared string when it is one of NHRP's common words. */
function sliceWord(text: string, from: number, end: number): string {
  const candidates = COMMON_BY_LENGTH[end - from];
  if (candidates !== undefined)
    for (let k = 0; k < candidates.length; k++)
      if (text.startsWith(candidates[k]!, from)) return candidates[k]!;
  return text.slice(from, end);
}

/** The words of `text` between `from` and `end`, split on runs of spaces and tabs. */
export function wordsBetween(text: string, from: number, end: number): string[] {
  const found: string[] = [];
  let at = skipBlanks(text, from, end);
  while (at < end) {
    let stop = at + 1;
    while (stop < end) {
      const code = text.charCodeAt(stop);
      if (code === 32 || code === 9) break;
      stop++;
    }
    found.push(sliceWord(text, at, stop));
    at = skipBlanks(text, stop, end);
  }
  return found;
}

/** Where `Type: dynamic, Flags: router nhop rib` lands: an NHRP cache entry or a redirect. */
interface TypedEntry {
  type: string | null;
  flags: string[];
}

/**
 * The last `Type:` line read and what it gave: a hub prints the same line for hundreds of spokes, and reusing its
 * reading saves cutting the same words again.
 */
export interface TypeLineMemo {
  text: string;
  type: string | null;
  flags: string[];
}

export const newTypeLineMemo = (): TypeLineMemo => ({ text: '', type: null, flags: [] });

/** `Type: dynamic, Flags: router nhop rib` (old images: no comma) between `start` and `end`. */
export function readTypeAndFlags(
  line: string,
  start: number,
  end: number,
  into: TypedEntry,
  memo: TypeLineMemo,
): void {
  if (memo.text.length === end - start && line.startsWith(memo.text, start)) {
    into.type = memo.type;
    into.flags = memo.flags.slice();
    return;
  }
  const flagsAt = line.indexOf('Flags:', start);
  const typeStart = skipBlanks(line, start + 'Type:'.length, end);
  let typeEnd = flagsAt < 0 ? end : flagsAt;
  while (typeEnd > typeStart) {
    const code = line.charCodeAt(typeEnd - 1);
    if (code !== 32 && code !== 9 && code !== 44) break; // blanks, and the comma before `Flags:`
    typeEnd--;
  }
  into.type = sliceWord(line, typeStart, typeEnd);
  into.flags = flagsAt < 0 ? [] : wordsBetween(line, flagsAt + 'Flags:'.length, end);
  memo.text = line.slice(start, end);
  memo.type = into.type;
  memo.flags = into.flags.slice();
}

const VRF_IN_ECHO = /\svrf\s+(\S+)/i;

/** The VRF named by an echoed `show ip nhrp vrf X` command, or undefined. */
export function vrfOfEcho(command: string): string | undefined {
  return VRF_IN_ECHO.exec(command)?.[1];
}
