// Reads the traffic lines of `show interfaces`: packet, byte and error counters, and the input and output rates.

import type { InterfaceCounters, InterfaceDetail } from '../model/records/system.js';
import { groupByFirstChar } from './common/by-first-char.js';

const RATE = /^\s*(\d+) (minute|second)s? (input|output) rate (\d+) bits\/sec, (\d+) packets\/sec\s*$/;

/** Every counter unknown, until the interface's counter lines give it. */
export function emptyCounters(): InterfaceCounters {
  return {
    inPackets: null,
    inBytes: null,
    noBuffer: null,
    inBroadcasts: null,
    inIpMulticasts: null,
    runts: null,
    giants: null,
    throttles: null,
    inErrors: null,
    crc: null,
    frame: null,
    overrun: null,
    ignored: null,
    abort: null,
    watchdog: null,
    inMulticasts: null,
    pauseInput: null,
    dribbleCondition: null,
    outPackets: null,
    outBytes: null,
    underruns: null,
    outBroadcasts: null,
    outIpMulticasts: null,
    outErrors: null,
    collisions: null,
    interfaceResets: null,
    unknownProtocolDrops: null,
    babbles: null,
    lateCollisions: null,
    deferred: null,
    lostCarrier: null,
    noCarrier: null,
    pauseOutput: null,
    outputBufferFailures: null,
    outputBuffersSwappedOut: null,
    carrierTransitions: null,
  };
}

/** `5 minute input rate 2000 bits/sec, 3 packets/sec`. */
export function readRate(record: InterfaceDetail, line: string): string | undefined {
  const match = RATE.exec(line);
  if (!match) return 'unrecognised rate line';
  const [, span, unit, direction, bits, packets] = match;
  record.loadIntervalSeconds = Number(span) * (unit === 'minute' ? 60 : 1);
  if (direction === 'input') {
    record.inputRateBps = Number(bits);
    record.inputRatePps = Number(packets);
  } else {
    record.outputRateBps = Number(bits);
    record.outputRatePps = Number(packets);
  }
  return undefined;
}

const COUNTER_NAMES: Record<string, keyof InterfaceCounters> = {
  'packets input': 'inPackets',
  'no buffer': 'noBuffer',
  runts: 'runts',
  giants: 'giants',
  throttles: 'throttles',
  'input errors': 'inErrors',
  CRC: 'crc',
  frame: 'frame',
  overrun: 'overrun',
  ignored: 'ignored',
  abort: 'abort',
  watchdog: 'watchdog',
  multicast: 'inMulticasts',
  'pause input': 'pauseInput',
  'input packets with dribble condition detected': 'dribbleCondition',
  'packets output': 'outPackets',
  underruns: 'underruns',
  'output errors': 'outErrors',
  collisions: 'collisions',
  'interface resets': 'interfaceResets',
  'unknown protocol drops': 'unknownProtocolDrops',
  babbles: 'babbles',
  'late collision': 'lateCollisions',
  deferred: 'deferred',
  'lost carrier': 'lostCarrier',
  'no carrier': 'noCarrier',
  'pause output': 'pauseOutput',
  'output buffer failures': 'outputBufferFailures',
  'output buffers swapped out': 'outputBuffersSwappedOut',
  'carrier transitions': 'carrierTransitions',
};

/**
 * `338297234 packets input, 728401053 bytes, 0 no buffer`, `Received 0 broadcasts (0 IP multicasts)`, ... Half of
 * every block is these lines, so they are scanned in place rather than split into clause strings.
 */
export function readCounters(record: InterfaceDetail, line: string, start: number): string | undefined {
  const counters = record.counters;
  const end = line.length;
  let direction: 'in' | 'out' | undefined;
  let problem: string | undefined;
  let at = start;
  while (at < end) {
    let clauseEnd = line.indexOf(',', at);
    if (clauseEnd < 0) clauseEnd = end;
    while (at < clauseEnd && line.charCodeAt(at) === 32) at++;
    let labelEnd = clauseEnd;
    while (labelEnd > at && line.charCodeAt(labelEnd - 1) === 32) labelEnd--;
    if (at === labelEnd) {
      at = clauseEnd + 1;
      continue;
    }
    if (line.startsWith('Received ', at)) {
      direction = 'in';
      at += 9;
    } else if (line.startsWith('Output ', at)) {
      direction = 'out';
      at += 7;
    }
    const numberStart = at;
    let value = 0;
    for (let digit = line.charCodeAt(at) - 48; digit >= 0 && digit <= 9; digit = line.charCodeAt(++at) - 48) {
      value = value * 10 + digit;
    }
    const name =
      at > numberStart && line.charCodeAt(at) === 32
        ? counterName(line, at + 1, labelEnd, direction)
        : undefined;
    if (name === 'broadcasts') {
      if (!readBroadcasts(counters, direction!, value, line.slice(at + 1, labelEnd))) {
        problem = `unrecognised counter "${line.slice(numberStart, labelEnd)}"`;
      }
    } else if (name) {
      counters[name] = value;
      if (name === 'inPackets') direction = 'in';
      else if (name === 'outPackets') direction = 'out';
    } else problem = `unrecognised counter "${line.slice(numberStart, labelEnd)}"`;
    at = clauseEnd + 1;
  }
  record.inBytes = counters.inBytes ?? null;
  record.outBytes = counters.outBytes ?? null;
  record.inErrors = counters.inErrors ?? null;
  record.outErrors = counters.outErrors ?? null;
  return problem;
}

const COUNTER_LABELS_BY_FIRST_CHAR = groupByFirstChar(Object.entries(COUNTER_NAMES));

/** The counter whose label is exactly `line[from, to)`; `bytes` and broadcasts take the line's direction. */
function counterName(
  line: string,
  from: number,
  to: number,
  direction: 'in' | 'out' | undefined,
): keyof InterfaceCounters | 'broadcasts' | undefined {
  const length = to - from;
  for (const [label, name] of COUNTER_LABELS_BY_FIRST_CHAR[line.charCodeAt(from)] ?? []) {
    if (label.length === length && line.startsWith(label, from)) return name;
  }
  if (!direction) return undefined;
  if (length === 5 && line.startsWith('bytes', from)) return direction === 'in' ? 'inBytes' : 'outBytes';
  return line.startsWith('broadcasts', from) ? 'broadcasts' : undefined;
}

/** `broadcasts (8982 IP multicasts)` after `Received 3192290`. */
function readBroadcasts(
  counters: InterfaceCounters,
  direction: 'in' | 'out',
  value: number,
  label: string,
): boolean {
  counters[direction === 'in' ? 'inBroadcasts' : 'outBroadcasts'] = value;
  if (label === 'broadcasts') return true;
  const multicasts = /^broadcasts \((\d+) (?:IP )?multicasts\)$/.exec(label);
  if (!multicasts) return false;
  counters[direction === 'in' ? 'inIpMulticasts' : 'outIpMulticasts'] = Number(multicasts[1]);
  return true;
}
