import { describe, expect, it } from 'vitest';
import type { EventTraceBuffer, EventTraceEntry } from '../model/records/syslog.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { showMonitorEventTraceDmvpn } from './show-monitor-event-trace.js';

const FOLDER = 'show_monitor_event-trace_dmvpn_all';
const CAPTURE = readCapture(FOLDER, 'genie__golden_output_output.txt');

function entries(text: string): EventTraceEntry[] {
  return showMonitorEventTraceDmvpn
    .parse(text)
    .records.filter((record): record is EventTraceEntry => record.kind === 'event_trace_entry');
}

/** Does our record say everything genie's entry says? Genie's keys are IOS's, like our `fields`. */
function sameEvent(record: EventTraceEntry, upstream: Record<string, string>): boolean {
  return Object.entries(upstream).every(([key, value]) => {
    if (key === 'event') return record.event === value;
    if (key === 'tunnel') return record.interface === value;
    // Genie cuts the reason at its parenthesis: `EXT - Admin action ` for `EXT - Admin action (config/clear commands)`.
    if (key === 'reason') return record.fields['reason']?.startsWith(value.trim()) ?? false;
    return record.fields[key] === value;
  });
}

describe('show monitor event-trace dmvpn all against genie', () => {
  const ours = entries(CAPTURE);
  const upstream = loadUpstream(FOLDER, 'genie__golden_output') as Record<
    string,
    Record<string, Record<string, string>>
  >;
  const cases = Object.entries(upstream).flatMap(([group, byAddress]) =>
    Object.entries(byAddress).map(([key, entry]) => ({ name: `${group}/${key}`, entry })),
  );

  it('reads every timestamped event of the capture', () => {
    const timestamped = CAPTURE.split('\n').filter((line) =>
      /^\*?[A-Z][a-z]{2} +\d+ [\d:.]+: NHRP-/.test(line),
    );
    expect(ours).toHaveLength(timestamped.length);
    expect(ours).toHaveLength(221);
  });

  // Genie keeps one event per kind and address (the last one it saw); each must be among ours.
  it.each(cases)('has genie $name', ({ entry }) => {
    expect(ours.some((record) => sameEvent(record, entry))).toBe(true);
  });
});

describe('event trace records', () => {
  it('names the trace buffers and says which were not tracing', () => {
    const buffers = showMonitorEventTraceDmvpn
      .parse(CAPTURE)
      .records.filter((record): record is EventTraceBuffer => record.kind === 'event_trace_buffer');
    expect(buffers.map((buffer) => [buffer.trace, buffer.enabled])).toEqual([
      ['dmtunnel', false],
      ['nhrp_event', true],
      ['nhrp_error', true],
      ['nhrp_exception', true],
      ['tp_ss_events', false],
      ['nhrp_event', true],
      ['nhrp_error', true],
    ]);
  });

  it('an NHS that stopped answering shows as NHS-DOWN with the registration failure', () => {
    const down = entries(CAPTURE).find(
      (entry) => entry.event === 'NHRP-NHS-DOWN' && entry.reason === 'NHRP - Registration Failure',
    );
    expect(down).toMatchObject({
      trace: 'nhrp_exception',
      timestamp: 'Jun 22 08:59:28.070',
      unsynced: true,
      interface: 'Tu1',
      nbmaSource: '2.2.2.1',
      tunnelSource: '192.168.10.2',
      nbmaDestination: '1.1.1.1',
      tunnelDestination: '192.168.10.1',
    });
  });

  it('registration retransmissions back off, with their request id and interval', () => {
    const retransmits = entries(CAPTURE).filter(
      (entry) => entry.event === 'NHRP-CTRL-PLANE-RETRANS' && entry.requestId === 608,
    );
    expect(retransmits.map((entry) => entry.retransmitSeconds)).toEqual([2, 4, 8, 16, 32]);
    expect(
      entries(CAPTURE)
        .filter((entry) => entry.requestId === 123)
        .map((entry) => entry.retransmitSeconds),
    ).toEqual([2, 4]);
  });

  it('NHS recovery state changes name the states, an empty previous state being null', () => {
    const changes = entries(CAPTURE).filter((entry) => entry.event === 'NHRP-NHS-RECOVERY-NHS-STATE');
    expect(changes[0]).toMatchObject({
      interface: 'Tunnel1',
      tunnelDestination: '192.168.10.1',
      nhsStateFrom: null,
      nhsStateTo: 'expecting replies',
    });
    expect(changes.at(-1)).toMatchObject({
      nhsStateFrom: 'expecting replies',
      nhsStateTo: 'responding expecting replies',
    });
  });

  it('error indications keep the packet and the error code text', () => {
    const nak = entries(CAPTURE).find((entry) => entry.event === 'NHRP-REPLY-NAK');
    expect(nak?.fields).toEqual({
      pak: 'purge request',
      vpn_src: '192.168.10.3',
      vpn_dest: '192.168.10.2',
      err_code: 'protocol generic error',
    });
  });

  it('a purge sent to an unknown NBMA keeps UNKNOWN as printed but no address', () => {
    const purge = entries(CAPTURE).find((entry) => entry.event === 'NHRP-SEND-PURGE-REQ');
    expect(purge?.fields['nbma_dest']).toBe('UNKNOWN');
    expect(purge?.nbmaDestination).toBeNull();
  });
});

describe('event trace bad input', () => {
  it('filtered output without buffer headers keeps the events with no trace name', () => {
    const text =
      '*Jun 22 06:39:28.930: NHRP-NHS-UP tunnel: Tu1 NHS up nbma_src: 2.2.2.1 vpn_src: 192.168.10.2 nbma_dest: 1.1.1.1 vpn_dest: 192.168.10.1 vrf: global(0x0)';
    const result = showMonitorEventTraceDmvpn.parse(text, { filtered: true });
    expect(result.warnings).toEqual([]);
    expect(result.records[0]).toMatchObject({
      trace: null,
      event: 'NHRP-NHS-UP',
      nbmaDestination: '1.1.1.1',
    });
  });

  it('an unknown line inside a trace is a warning', () => {
    const result = showMonitorEventTraceDmvpn.parse('nhrp_event:\n\nsomething odd happened\n');
    expect(result.warnings).toMatchObject([{ line: 3, text: 'something odd happened' }]);
  });

  it('empty, refused and garbage outputs give clear results', () => {
    expect(showMonitorEventTraceDmvpn.parse('\n\n').error?.kind).toBe('empty');
    expect(
      showMonitorEventTraceDmvpn.parse(
        "show monitor event-trace dmvpn al\n                                  ^\n% Invalid input detected at '^' marker.",
      ).error?.kind,
    ).toBe('invalid-input');
    expect(showMonitorEventTraceDmvpn.parse('lorem ipsum').error?.kind).toBe('not-recognized');
  });

  it('a line cut before its event name is a warning, not a record', () => {
    const result = showMonitorEventTraceDmvpn.parse('nhrp_event:\n*Jun 22 06:39:28.358: ');
    expect(result.records.filter((record) => record.kind === 'event_trace_entry')).toHaveLength(0);
    expect(result.warnings).toHaveLength(1);
  });
});
