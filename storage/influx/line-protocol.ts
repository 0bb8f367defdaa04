// Samples as InfluxDB line protocol (https://docs.influxdata.com/influxdb/v1/write_protocols/line_protocol_reference/).

import type { FieldValue, Sample } from '../../model/sample.js';

// Line protocol cannot carry a line break in a name or a tag; it becomes a space.
const LINE_BREAKS = /[\r\n]+/g;

const escapeMeasurement = (name: string): string =>
  name.replace(LINE_BREAKS, ' ').replace(/[, ]/g, (c) => `\\${c}`);

/** Tag keys, tag values and field keys escape commas, equals signs and spaces (a backslash stays as it is). */
const escapeKey = (name: string): string => name.replace(LINE_BREAKS, ' ').replace(/[,= ]/g, (c) => `\\${c}`);

const escapeString = (value: string): string => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * Every number is written as a float (no `i` suffix): a JavaScript number does not say whether it is an integer,
 * and a field that is `12` in one poll and `12.5` in the next would otherwise be rejected as a type conflict.
 * Floats hold counters exactly up to 2^53.
 */
function formatField(value: FieldValue): string | null {
  if (typeof value === 'string') return escapeString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return Number.isFinite(value) ? String(value) : null;
}

/** One line, or null when the sample has no field line protocol can carry. Tags are sorted, as InfluxDB prefers. */
export function sampleToLine(sample: Sample): string | null {
  const fields: string[] = [];
  for (const [name, value] of Object.entries(sample.fields)) {
    const formatted = formatField(value);
    if (formatted !== null) fields.push(`${escapeKey(name)}=${formatted}`);
  }
  if (fields.length === 0) return null;
  let key = escapeMeasurement(sample.measurement);
  for (const name of Object.keys(sample.tags).sort()) {
    const value = sample.tags[name]!;
    // InfluxDB rejects an empty tag value; a tag without a value is the same series as a missing tag.
    if (value !== '') key += `,${escapeKey(name)}=${escapeKey(value)}`;
  }
  return `${key} ${fields.join(',')} ${Math.trunc(sample.time)}`;
}

/** Lines with millisecond timestamps (write with `precision=ms`). */
export function samplesToLines(samples: readonly Sample[]): string[] {
  const lines: string[] = [];
  for (const sample of samples) {
    const line = sampleToLine(sample);
    if (line !== null) lines.push(line);
  }
  return lines;
}
