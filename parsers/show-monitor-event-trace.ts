// Parses `show monitor event-trace dmvpn all`: the DMVPN trace buffers and their timestamped NHRP / crypto events.

import type { EventTraceBuffer, EventTraceEntry } from '../model/records/syslog.js';
import { intern } from './common/intern.js';
import { defineParser, type ParseOutput } from './common/parser.js';
import { typedAtPrompt } from './common/terminal-noise.js';
import { scanTimestamp } from './syslog.js';

type EventTraceRecord = EventTraceBuffer | EventTraceEntry;

const BUFFER_HEADER = /^([a-z][a-z0-9_]*):\s*$/;
const EVENT_NAME = /([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\b */y;
const INTERFACE = /^(?:[A-Z][A-Za-z-]*\d[\d/.:]*)$/;
const NHS_STATE = /transitioned to '([^']*)' from '([^']*)'/;
const RETRANSMIT = /reqid (\d+) retrans(?: ivl)? (\d+) sec/;
const FIELD_KEY = /(?:^| )([a-z_]+): /g;
/** Keys whose value runs over several words (`reason: EXT - Admin action (config/clear commands)`). */
const PHRASE_KEYS = new Set(['reason', 'err_code', 'pak']);

class EventTraceWalker {
  private buffer: EventTraceBuffer | undefined;

  constructor(private readonly out: ParseOutput<EventTraceRecord>) {}

  line(index: number, line: string): void {
    const text = line.trim();
    if (text === '') return;
    const first = text.charCodeAt(0);
    if (first === 42 /* * */ || first === 46 /* . */ || (first >= 65 && first <= 90)) {
      const entry = this.entry(index, text);
      if (entry) {
        this.out.records.push(entry);
        this.out.recognized++;
        return;
      }
    }
    if (this.structureLine(index, text)) {
      this.out.recognized++;
      return;
    }
    this.out.warn(index, 'not a trace buffer header nor a timestamped trace event');
  }

  private structureLine(index: number, text: string): boolean {
    const header = BUFFER_HEADER.exec(text);
    if (header) {
      this.buffer = { kind: 'event_trace_buffer', line: index + 1, trace: header[1]!, enabled: true };
      this.out.records.push(this.buffer);
      return true;
    }
    if (text.startsWith('Tracing currently disabled')) {
      if (this.buffer) this.buffer.enabled = false;
      return true;
    }
    // The trace infrastructure's own counter and the prompt lines of a pasted session carry no event.
    return text.startsWith('interrupt context allocation count') || typedAtPrompt(text) !== undefined;
  }

  private entry(index: number, text: string): EventTraceEntry | undefined {
    const time = scanTimestamp(text, 0);
    if (!time) return undefined;
    EVENT_NAME.lastIndex = time.end;
    const name = EVENT_NAME.exec(text);
    if (!name) return undefined;
    const { interfaceName, message } = splitInterface(text.slice(EVENT_NAME.lastIndex));
    const fields = readFields(message);
    const nhsState = NHS_STATE.exec(message);
    const retransmit = RETRANSMIT.exec(message);
    return {
      kind: 'event_trace_entry',
      line: index + 1,
      trace: this.buffer?.trace ?? null,
      timestamp: time.text,
      unsynced: time.unsynced,
      event: name[1]!,
      interface: interfaceName,
      message,
      fields,
      nbmaSource: known(fields['nbma_src']),
      tunnelSource: known(fields['vpn_src']),
      nbmaDestination: known(fields['nbma_dest']),
      tunnelDestination: known(fields['vpn_dest']),
      reason: fields['reason'] ?? null,
      nhsStateFrom: nhsState ? nhsState[2]!.trim() || null : null,
      nhsStateTo: nhsState ? nhsState[1]!.trim() || null : null,
      requestId: retransmit ? Number(retransmit[1]) : null,
      retransmitSeconds: retransmit ? Number(retransmit[2]) : null,
    };
  }
}

function known(address: string | undefined): string | null {
  return address === undefined || address === 'UNKNOWN' ? null : address;
}

/**
 * `tunnel: Tu1 Added tunnel endpoints ...` names the interface after `tunnel:`; the NHS recovery events name it
 * in the text (`NHS vpn_dest: 192.168.10.1 Tunnel1 vrf 0 ...`); some events leave it empty (`tunnel:  removed ...`).
 */
function splitInterface(rest: string): { interfaceName: string | null; message: string } {
  if (rest.startsWith('tunnel:')) {
    const after = rest.slice(7).trimStart();
    const space = after.indexOf(' ');
    const candidate = space < 0 ? after : after.slice(0, space);
    if (INTERFACE.test(candidate)) {
      return { interfaceName: candidate, message: space < 0 ? '' : after.slice(space + 1).trim() };
    }
    return { interfaceName: null, message: after.trim() };
  }
  const message = rest.trim();
  const named = message.split(' ').find((word) => word.startsWith('Tunnel') && INTERFACE.test(word));
  return { interfaceName: named ?? null, message };
}

/** The `key: value` pairs of an event: one word per value, except the phrases (`reason`, `err_code`, `pak`). */
function readFields(message: string): Record<string, string> {
  const fields: Record<string, string> = {};
  FIELD_KEY.lastIndex = 0;
  let match = FIELD_KEY.exec(message);
  while (match) {
    const key = match[1]!;
    const valueStart = FIELD_KEY.lastIndex;
    const next = FIELD_KEY.exec(message);
    const value = fieldValue(key, message.slice(valueStart, next ? next.index : message.length).trim());
    if (value !== '') fields[key] = intern(value);
    match = next;
  }
  return fields;
}

/** `pak: purge request with pak vpn_src: ...` names the packet up to `with`. */
function fieldValue(key: string, text: string): string {
  if (key === 'pak') {
    const end = text.indexOf(' with');
    return end < 0 ? text : text.slice(0, end);
  }
  if (PHRASE_KEYS.has(key)) return text;
  const space = text.indexOf(' ');
  return space < 0 ? text : text.slice(0, space);
}

export const showMonitorEventTraceDmvpn = defineParser<EventTraceRecord>({
  command: 'show monitor event-trace dmvpn all',
  syntax: [
    'show monitor event-trace dmvpn all',
    'show monitor event-trace dmvpn latest',
    'show monitor event-trace dmvpn back <time>',
    'show monitor event-trace dmvpn clock <time>',
    'show monitor event-trace dmvpn from-boot <seconds>',
  ],
  detect: (text) =>
    /^(?:dmtunnel|nhrp_event|nhrp_error|nhrp_exception|tp_ss_events):\s*$/m.test(text) ||
    /^[*.]?[A-Z][a-z]{2} +\d+ [\d:.]+: NHRP-[A-Z]+-[A-Z-]+ /m.test(text),
  parse(out) {
    const walker = new EventTraceWalker(out);
    for (let i = 0; i < out.lines.length; i++) walker.line(i, out.lines[i]!);
  },
});
