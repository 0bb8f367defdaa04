// Reads the queueing lines of `show interfaces`: input and output queue figures with their legends, conversations,
// total output drops and available bandwidth.

import type { InterfaceDetail, QueueFigures } from '../model/records/system.js';
import { leadingNumber } from './common/numbers.js';

const FIGURES = /^([\d/]+)\s*\(([^)]+)\)$/;

/** `Input queue: 0/375/0/0 (size/max/drops/flushes); Total output drops: 0`. */
export function readInputQueue(record: InterfaceDetail, text: string, from: number): string | undefined {
  const [queue, drops] = text.slice(from).split(';');
  const problem = readFigures(queue!, (figures) => (record.inputQueue = figures));
  if (drops === undefined) return problem;
  const total = /^\s*Total output drops: (\d+)\s*$/.exec(drops);
  if (!total) return 'unrecognised Total output drops';
  record.totalOutputDrops = Number(total[1]);
  return problem;
}

/** `Output queue: 0/40 (size/max)`. */
export function readOutputQueue(record: InterfaceDetail, text: string, from: number): string | undefined {
  return readFigures(text.slice(from), (figures) => (record.outputQueue = figures));
}

/** `Conversations  0/1/16 (active/max active/max total)`. */
export function readConversations(record: InterfaceDetail, text: string, from: number): string | undefined {
  return readFigures(text.slice(from), (figures) => (record.conversations = figures));
}

/** `Reserved Conversations 0/0 (allocated/max allocated)`. */
export function readReservedConversations(
  record: InterfaceDetail,
  text: string,
  from: number,
): string | undefined {
  return readFigures(text.slice(from), (figures) => (record.reservedConversations = figures));
}

/** `0/75/0/0 (size/max/drops/flushes)` -> `{ size: 0, max: 75, drops: 0, flushes: 0 }`. */
function readFigures(text: string, assign: (figures: QueueFigures) => void): string | undefined {
  const match = FIGURES.exec(text.trim());
  if (!match) return 'unrecognised queue figures';
  const values = match[1]!.split('/');
  const names = legendNames(match[2]!);
  if (values.length !== names.length) return 'queue figures and their legend differ in number';
  const figures: QueueFigures = {};
  for (let index = 0; index < names.length; index++) figures[names[index]!] = Number(values[index]);
  assign(figures);
  return undefined;
}

/** Every block repeats the same few legends, so their names are worked out once. */
const LEGEND_NAMES = new Map<string, string[]>();

/** `size/max total/drops` -> `['size', 'maxTotal', 'drops']`. */
function legendNames(legend: string): string[] {
  let names = LEGEND_NAMES.get(legend);
  if (!names) {
    names = legend.split('/').map(camelCase);
    if (LEGEND_NAMES.size < 100) LEGEND_NAMES.set(legend, names);
  }
  return names;
}

function camelCase(words: string): string {
  return words
    .trim()
    .split(/\s+/)
    .map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1)))
    .join('');
}

/** `Available Bandwidth 1158 kilobits/sec`. */
export function readAvailableBandwidth(
  record: InterfaceDetail,
  text: string,
  from: number,
): string | undefined {
  const value = leadingNumber(text, from);
  if (value === undefined) return 'unrecognised Available Bandwidth';
  record.availableBandwidthKbps = value;
  return undefined;
}
