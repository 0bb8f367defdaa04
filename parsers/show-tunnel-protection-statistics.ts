// Parses `show tunnel protection statistics`: the message, error and data counters between tunnel protection and
// the crypto socket layer, one record per section and direction.

import type { TunnelProtectionCounters } from '../model/records/ipsec.js';
import type { ParseOptions } from '../model/parse.js';
import { countAt } from './common/numbers.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import { indentOf } from './common/text.js';

const SECTIONS: [string, TunnelProtectionCounters['section']][] = [
  ['Message Statistics', 'message'],
  ['Error Statistics', 'error'],
  ['Data Statistics', 'data'],
];

/** `Listen Start`, `cef pkt drops`, `MTU Changed` -> `listen_start`, `cef_pkt_drops`, `mtu_changed`. */
function counterKey(label: string): string {
  return label.trim().toLowerCase().split(/\s+/).join('_');
}

/** `------ Message Statistics ------` -> `message`; undefined for any other line. */
function sectionOf(line: string, start: number): TunnelProtectionCounters['section'] | undefined {
  if (!line.startsWith('---', start)) return undefined;
  return SECTIONS.find(([title]) => line.includes(title, start))?.[1];
}

/**
 * `Listen Start   : 1    Listen Stop    : 0    Socket Open    : 0`: each colon ends a label; the text between two
 * colons is the previous counter's value followed by the next label.
 */
function readCounters(text: string, counters: Record<string, number>): string | undefined {
  const pieces = text.split(':');
  if (pieces.length < 2) return 'no "label : value" counter';
  let label = pieces[0]!;
  for (let p = 1; p < pieces.length; p++) {
    const piece = pieces[p]!.trim();
    const space = piece.search(/\s/);
    const valueText = space < 0 ? piece : piece.slice(0, space);
    const value = countAt(valueText, 0);
    if (value === null || label.trim() === '') return `counter "${label.trim()}" has no numeric value`;
    counters[counterKey(label)] = value;
    label = space < 0 ? '' : piece.slice(space);
  }
  return label.trim() === '' ? undefined : `counter "${label.trim()}" has no value`;
}

function newCounters(
  index: number,
  section: TunnelProtectionCounters['section'],
  direction: TunnelProtectionCounters['direction'],
): TunnelProtectionCounters {
  return { kind: 'tunnel_protection_counters', line: index + 1, section, direction, counters: {} };
}

function parseStatistics(out: ParseOutput<TunnelProtectionCounters>, options: ParseOptions): void {
  let section: TunnelProtectionCounters['section'] | undefined;
  let current: TunnelProtectionCounters | undefined;
  for (let i = 0; i < out.lines.length; i++) {
    const line = out.lines[i]!;
    const start = indentOf(line);
    if (start === line.length) continue;
    const heading = sectionOf(line, start);
    if (heading) {
      section = heading;
      current = undefined;
      out.recognized++;
      continue;
    }
    if (line.startsWith('Sent:', start) || line.startsWith('Rcvd:', start)) {
      if (!section && !options.filtered) {
        out.warn(i, 'Sent:/Rcvd: before any statistics section');
        continue;
      }
      current = newCounters(i, section ?? null, line.startsWith('Sent:', start) ? 'sent' : 'received');
      out.records.push(current);
      out.recognized++;
      continue;
    }
    if (!current) {
      // `| include drops` keeps counter lines without their headings: their section and direction are unknown.
      if (!options.filtered) {
        out.warn(i, 'not a line of show tunnel protection statistics');
        continue;
      }
      current = newCounters(i, section ?? null, null);
      out.records.push(current);
    }
    const problem = readCounters(line, current.counters);
    if (problem) out.warn(i, problem);
    else out.recognized++;
  }
}

export const showTunnelProtectionStatistics = defineParser<TunnelProtectionCounters>({
  command: 'show tunnel protection statistics',
  syntax: ['show tunnel protection statistics'],
  detect: (text) => text.includes('Message Statistics') && /^\s*(?:Sent|Rcvd):/m.test(text),
  parse: parseStatistics,
});
