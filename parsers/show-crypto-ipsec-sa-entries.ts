// Reads the lines that describe one IPsec SA (spi, transform, settings, timing, status), shared by the `show crypto
// ipsec sa` forms that list SAs, and the item and value readers both use.

import type { IpsecSaEntry, IpsecSaProtocol } from '../model/records/ipsec.js';
import { spelledDuration } from './common/duration.js';
import { countAt } from './common/numbers.js';
import { indentOf, isBlank, sliceTrimmed } from './common/text.js';

// A hub prints tens of thousands of these lines per poll: they are read by position, building only the strings that
// are kept.

/**
 * What a line meant to an SA: `false` when it is not an SA line at all, `undefined` when it was read,
 * or the reason it could not be read.
 */
export type SaLineResult = false | undefined | string;

/** The end of the `, `-separated item starting at `from`. */
export function itemEnd(line: string, from: number): number {
  const comma = line.indexOf(', ', from);
  return comma < 0 ? line.length : comma;
}

/** `0x658F7C11(1703902225)` -> `0x658F7C11`; `[Not Available]` -> null; undefined for anything else. */
export function spiAt(line: string, from: number): string | null | undefined {
  const start = indentOf(line, from);
  if (line.startsWith('[Not Available]', start)) return null;
  if (!line.startsWith('0x', start) && !line.startsWith('0X', start)) return undefined;
  const paren = line.indexOf('(', start);
  return paren < 0 ? sliceTrimmed(line, start) : line.slice(start, paren);
}

/** The `spi:` line (SPI from `from`) opens an SA; undefined when the value is neither an SPI nor `[Not Available]`. */
export function newSaEntry(
  index: number,
  protocol: IpsecSaProtocol,
  line: string,
  from: number,
): IpsecSaEntry | undefined {
  const spi = spiAt(line, from);
  if (spi === undefined) return undefined;
  return {
    line: index + 1,
    protocol,
    spi,
    transform: null,
    settings: [],
    mode: null,
    udpEncaps: false,
    esn: false,
    slot: null,
    connId: null,
    flowId: null,
    siblingFlags: null,
    cryptoMap: null,
    initiator: null,
    remainingKilobytes: null,
    remainingSeconds: null,
    kilobyteRekeyDisabled: false,
    ivSizeBytes: null,
    replayDetection: null,
    replayWindowSize: null,
    status: null,
  };
}

/** `Y`/`N`, `True`/`False` in line[from, to) -> boolean; anything else -> null. */
export function yesNoAt(line: string, from: number, to = line.length): boolean | null {
  const text = sliceTrimmed(line, from, to);
  if (text === 'Y' || text === 'True') return true;
  if (text === 'N' || text === 'False') return false;
  return null;
}

/**
 * Reads one SA line (`start` is its first non-blank character) into `entry`. With no entry (an SA line whose `spi:`
 * line was filtered out) the line is still recognised, and nothing is kept.
 */
export function readSaLine(entry: IpsecSaEntry | null, line: string, start: number): SaLineResult {
  switch (line.charCodeAt(start)) {
    case 116: // t
      if (!line.startsWith('transform:', start)) return false;
      if (entry) entry.transform = transformAt(line, start + 10);
      return undefined;
    case 105: // i
      if (!line.startsWith('in use settings', start)) return false;
      return entry ? readSettings(entry, line) : undefined;
    case 99: // c
      if (!line.startsWith('conn id:', start)) return false;
      return entry ? readConnection(entry, line, start) : undefined;
    case 115: // s
      if (line.startsWith('slot:', start)) return entry ? readConnection(entry, line, start) : undefined;
      if (!line.startsWith('sa timing:', start)) return false;
      return entry ? readTiming(entry, line, indentOf(line, start + 10)) : undefined;
    case 75: // K
      if (!line.startsWith('Kilobyte Volume Rekey has been disabled', start)) return false;
      if (entry) entry.kilobyteRekeyDisabled = true;
      return undefined;
    case 73: // I
      if (!line.startsWith('IV size:', start)) return false;
      return entry ? readIvSize(entry, line, start + 8) : undefined;
    case 114: // r
      if (!line.startsWith('replay detection support:', start)) return false;
      return entry ? readReplay(entry, line, start + 26) : undefined;
    case 83: // S
      if (!line.startsWith('Status:', start)) return false;
      if (entry) entry.status = sliceTrimmed(line, start + 7);
      return undefined;
    default:
      return false;
  }
}

/** `esp-256-aes esp-sha256-hmac ,` -> `esp-256-aes esp-sha256-hmac`. */
function transformAt(line: string, from: number): string {
  let end = line.length;
  while (end > from && isBlank(line.charCodeAt(end - 1))) end--;
  if (line.charCodeAt(end - 1) === 44) end--; // ,
  return sliceTrimmed(line, from, end);
}

/** `in use settings ={Transport UDP-Encaps, esn}`. */
function readSettings(entry: IpsecSaEntry, line: string): SaLineResult {
  const open = line.indexOf('{');
  const close = line.lastIndexOf('}');
  if (open < 0 || close < open) return 'in use settings without {...}';
  let from = open + 1;
  while (from < close) {
    let end = line.indexOf(',', from);
    if (end < 0 || end > close) end = close;
    const setting = sliceTrimmed(line, from, end);
    from = end + 1;
    if (setting === '') continue;
    entry.settings.push(setting);
    if (setting.startsWith('Tunnel')) entry.mode = 'tunnel';
    else if (setting.startsWith('Transport')) entry.mode = 'transport';
    if (setting.endsWith('UDP-Encaps')) entry.udpEncaps = true;
    else if (setting === 'esn') entry.esn = true;
  }
  return undefined;
}

/**
 * `conn id: 2076, flow_id: CSR:76, sibling_flags FFFFFFFF80000048, crypto map: Tunnel0-head-0, initiator : True`,
 * or older images' `slot: 0, conn id: 2006, crypto map: test`.
 */
function readConnection(entry: IpsecSaEntry, line: string, start: number): SaLineResult {
  let unknown: string | undefined;
  for (let from = start; from < line.length;) {
    const end = itemEnd(line, from);
    if (line.startsWith('conn id:', from)) entry.connId = countAt(line, from + 8, end);
    else if (line.startsWith('flow_id:', from)) entry.flowId = sliceTrimmed(line, from + 8, end);
    else if (line.startsWith('sibling_flags', from)) entry.siblingFlags = sliceTrimmed(line, from + 13, end);
    else if (line.startsWith('crypto map:', from)) entry.cryptoMap = sliceTrimmed(line, from + 11, end);
    else if (line.startsWith('initiator', from))
      entry.initiator = yesNoAt(line, line.indexOf(':', from) + 1, end);
    else if (line.startsWith('slot:', from)) entry.slot = countAt(line, from + 5, end);
    else if (sliceTrimmed(line, from, end) !== '') unknown ??= sliceTrimmed(line, from, end);
    from = indentOf(line, end + 2);
  }
  return unknown === undefined ? undefined : `unknown SA attribute: ${unknown}`;
}

/**
 * `remaining key lifetime (k/sec): (4607999/83191)`, `... (sec): 0`, `... 4 hours, 2 mins`, `... is not applicable`,
 * from `from`, the start of `remaining`.
 */
function readTiming(entry: IpsecSaEntry, line: string, from: number): SaLineResult {
  if (!line.startsWith('remaining key lifetime', from)) return 'sa timing without a remaining key lifetime';
  const rest = indentOf(line, from + 22);
  if (line.startsWith('is not applicable', rest)) return undefined;
  if (line.startsWith('(k/sec):', rest)) {
    const open = line.indexOf('(', rest + 8);
    const slash = line.indexOf('/', open);
    const close = line.indexOf(')', slash);
    const kilobytes = open < 0 || slash < 0 ? null : countAt(line, open + 1, slash);
    const seconds = close < 0 ? null : countAt(line, slash + 1, close);
    if (kilobytes === null || seconds === null)
      return 'remaining key lifetime (k/sec) is not (kilobytes/seconds)';
    entry.remainingKilobytes = kilobytes;
    entry.remainingSeconds = seconds;
    return undefined;
  }
  if (line.startsWith('(sec):', rest)) {
    const seconds = countAt(sliceTrimmed(line, rest + 6).replace(/^\((\d+)\)$/, '$1'), 0);
    if (seconds === null) return 'remaining key lifetime (sec) is not a number of seconds';
    entry.remainingSeconds = seconds;
    return undefined;
  }
  const seconds = spelledDuration(line.slice(rest));
  if (seconds === undefined) return 'remaining key lifetime not understood';
  entry.remainingSeconds = seconds;
  return undefined;
}

/** `16 bytes`. */
function readIvSize(entry: IpsecSaEntry, line: string, from: number): SaLineResult {
  const start = indentOf(line, from);
  const space = line.indexOf(' ', start);
  entry.ivSizeBytes = space < 0 ? null : countAt(line, start, space);
  if (entry.ivSizeBytes === null || !line.startsWith('byte', space + 1))
    return 'IV size is not a number of bytes';
  return undefined;
}

/** `Y` or `Y  replay window size: 1024`. */
function readReplay(entry: IpsecSaEntry, line: string, from: number): SaLineResult {
  const window = line.indexOf('replay window size:', from);
  entry.replayDetection = yesNoAt(line, from, window < 0 ? line.length : window);
  if (entry.replayDetection === null) return 'replay detection support is not Y or N';
  if (window >= 0) {
    entry.replayWindowSize = countAt(line, window + 19);
    if (entry.replayWindowSize === null) return 'replay window size is not a number';
  }
  return undefined;
}
