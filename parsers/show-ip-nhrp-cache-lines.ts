// Line grammars the NHRP cache views share (`show ip nhrp`, `redirect`, `summary`): addresses, Type/Flags, echoes.

import { parseDuration } from './common/duration.js';

// At least two colons: `Type:` or `Group:` never pass for an IPv6 address.
const IPV6 = /^[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?:\/\d{1,3})?$/;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** A dotted IPv4 address with an optional `/len`, checked character by character (it runs for every entry). */
export function isIpv4(token: string): boolean {
  let dots = 0;
  let digits = 0;
  let at = 0;
  for (; at < token.length; at++) {
    const code = token.charCodeAt(at);
    if (isDigit(code)) {
      if (++digits > 3) return false;
    } else if (code === 46) {
      if (digits === 0 || ++dots > 3) return false;
      digits = 0;
    } else if (code === 47) {
      break;
    } else {
      return false;
    }
  }
  if (dots !== 3 || digits === 0) return false;
  if (at === token.length) return true;
  const lengthDigits = token.length - at - 1;
  if (lengthDigits < 1 || lengthDigits > 2) return false;
  for (let k = at + 1; k < token.length; k++) if (!isDigit(token.charCodeAt(k))) return false;
  return true;
}

/** An IPv4 or IPv6 address or prefix, e.g. `10.0.0.2/32`, `FE80::2/128`. */
export function isAddress(token: string): boolean {
  return isIpv4(token) || IPV6.test(token);
}

const isBlank = (code: number): boolean => code === 32 || code === 9;

/** Index of the first character that is not a space or tab; -1 for a blank line. */
export function firstNonBlank(line: string): number {
  for (let i = 0; i < line.length; i++) if (!isBlank(line.charCodeAt(i))) return i;
  return -1;
}

/** Index just after the last character that is not a space or tab. */
export function endOfText(line: string): number {
  let end = line.length;
  while (end > 0 && isBlank(line.charCodeAt(end - 1))) end--;
  return end;
}

/** Index of the first non-blank character at or after `at` (`end` when there is none). */
export function skipBlanks(text: string, at: number, end: number): number {
  while (at < end && isBlank(text.charCodeAt(at))) at++;
  return at;
}

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
    while (stop < end && !isBlank(text.charCodeAt(stop))) stop++;
    found.push(sliceWord(text, at, stop));
    at = skipBlanks(text, stop, end);
  }
  return found;
}

const digitAt = (text: string, at: number): number => {
  const code = text.charCodeAt(at);
  return isDigit(code) ? code - 48 : -1;
};

const UNIT_SECONDS: Record<string, number> = { y: 31_536_000, w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1 };

/** `00:04:12` read in place; undefined when the text is not a clock. */
function clockAt(text: string, from: number, end: number): number | undefined {
  if (end - from < 7 || text.charCodeAt(end - 3) !== 58 || text.charCodeAt(end - 6) !== 58) return undefined;
  let hours = 0;
  for (let at = from; at < end - 6; at++) {
    const digit = digitAt(text, at);
    if (digit < 0) return undefined;
    hours = hours * 10 + digit;
  }
  const m1 = digitAt(text, end - 5);
  const m2 = digitAt(text, end - 4);
  const s1 = digitAt(text, end - 2);
  const s2 = digitAt(text, end - 1);
  if (m1 < 0 || m2 < 0 || s1 < 0 || s2 < 0) return undefined;
  return hours * 3600 + (m1 * 10 + m2) * 60 + s1 * 10 + s2;
}

/** `1d02h`, `10w2d`, `1y2w` read in place; undefined when the text is not of that form. */
function unitsAt(text: string, from: number, end: number): number | undefined {
  let seconds = 0;
  let at = from;
  while (at < end) {
    let count = 0;
    const digitsFrom = at;
    for (let digit = digitAt(text, at); digit >= 0 && at < end; digit = digitAt(text, ++at))
      count = count * 10 + digit;
    const unit = UNIT_SECONDS[text.charAt(at)];
    if (at === digitsFrom || unit === undefined || at >= end) return undefined;
    seconds += count * unit;
    at++;
  }
  return at > from ? seconds : undefined;
}

/**
 * Seconds of the duration between `from` and `end`, read in place for the forms NHRP prints (`00:04:12`, `1d02h`),
 * through parseDuration for the rest (`never`). Undefined when the text is not a duration.
 */
export function durationAt(text: string, from: number, end: number): number | null | undefined {
  return clockAt(text, from, end) ?? unitsAt(text, from, end) ?? parseDuration(text.slice(from, end));
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
  while (
    typeEnd > typeStart &&
    (isBlank(line.charCodeAt(typeEnd - 1)) || line.charCodeAt(typeEnd - 1) === 44)
  )
    typeEnd--;
  into.type = sliceWord(line, typeStart, typeEnd);
  into.flags = flagsAt < 0 ? [] : wordsBetween(line, flagsAt + 'Flags:'.length, end);
  memo.text = line.slice(start, end);
  memo.type = into.type;
  memo.flags = into.flags.slice();
}

const PROMPT = /^[\w.\-()/:@]*[#>]\s*(\S.*)?$/;
const ECHO = /^\s*sh(?:o|ow)?\s/i;
const VRF_IN_ECHO = /\svrf\s+(\S+)/i;

/**
 * Recognises what the terminal adds around an output: the command echo (`show ip nhrp`), a prompt with or without
 * the command (`hub#show ip nhrp vrf X`, `hub#`), and the exec timestamp lines (`Load for five secs`, `No time source`).
 * Returns the echoed command line ('' for a bare prompt or timestamp), or undefined when the line is none of these.
 */
export function terminalLine(line: string, start: number): string | undefined {
  if (
    line.startsWith('Load for ', start) ||
    line.startsWith('No time source', start) ||
    line.startsWith('Time source is', start)
  )
    return '';
  if (ECHO.test(line)) return line.trim();
  const prompt = PROMPT.exec(line);
  if (!prompt) return undefined;
  const command = prompt[1] ?? '';
  return command === '' || ECHO.test(command) ? command.trim() : undefined;
}

/** The VRF named by an echoed `show ip nhrp vrf X` command, or undefined. */
export function vrfOfEcho(command: string): string | undefined {
  return VRF_IN_ECHO.exec(command)?.[1];
}
