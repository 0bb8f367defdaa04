import { describe, expect, it } from 'vitest';
import type { EventTraceBuffer, EventTraceEntry } from '../../model/records/syslog.js';
import { simulate } from '../engine/index.js';
import { applyFault } from '../faults/catalogue.js';
import type { EventTraceView, RouterState } from '../model/state.js';
import { buildNetwork } from '../network/build.js';
import { emptyState } from './dmvpn-test-states.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { renderShowMonitorEventTraceDmvpn } from './show-monitor-event-trace.js';
import { syslogTimestamp } from './syslog-timestamp.js';

type TraceRecord = EventTraceBuffer | EventTraceEntry;

const CAPTURE = 'show_monitor_event-trace_dmvpn_all';

function roundTrip(state: RouterState) {
  const records = parseRendered<TraceRecord>(
    'show monitor event-trace dmvpn all',
    renderShowMonitorEventTraceDmvpn(state),
  );
  return {
    buffers: records.flatMap((record) =>
      record.kind === 'event_trace_buffer' ? [`${record.trace} ${record.enabled}`] : [],
    ),
    entries: records.flatMap((record) =>
      record.kind === 'event_trace_entry'
        ? [
            {
              trace: record.trace,
              timestamp: `${record.unsynced ? '*' : ''}${record.timestamp}`,
              event: record.event,
              interface: record.interface,
              message: record.message,
            },
          ]
        : [],
    ),
  };
}

/** The entries as the parser gives them back: by buffer, in time order within each. */
function expectedEntries(state: RouterState) {
  const events = state.eventTrace ?? [];
  return (['nhrp_event', 'nhrp_error', 'nhrp_exception'] as const).flatMap((trace) =>
    events
      .filter((event) => event.trace === trace)
      .map((event) => ({
        trace,
        timestamp: syslogTimestamp(event.atSeconds, state.clockStartMs).slice(0, -2),
        event: event.event,
        interface: event.interface,
        message: event.message,
      })),
  );
}

function labStates(): RouterState[] {
  const network = buildNetwork({ spokes: 3, phase: 3 });
  applyFault(network, 'if-state-nhrp-down');
  applyFault(network, 'nhs-wrong-tunnel-ip', 'spoke2');
  const states = simulate(network, 900);
  return ['hub1', 'spoke1', 'spoke2', 'spoke3'].map((name) => states.get(name)!);
}

const BUFFERS = [
  'dmtunnel false',
  'nhrp_event true',
  'nhrp_error true',
  'nhrp_exception true',
  'tp_ss_events false',
];

describe('show monitor event-trace dmvpn all round trip', () => {
  it.each(labStates().map((state) => [state.hostname, state] as const))(
    'gives back every buffer and event of %s',
    (_, state) => {
      expect(state.eventTrace).not.toHaveLength(0);
      const { buffers, entries } = roundTrip(state);
      expect(buffers).toEqual(BUFFERS);
      expect(entries).toEqual(expectedEntries(state));
    },
  );

  it('traces the Error Indications a hub sends for registrations it refuses', () => {
    const hub = labStates()[0]!;
    const errors = roundTrip(hub).entries.filter((entry) => entry.trace === 'nhrp_error');
    expect(errors).not.toHaveLength(0);
    expect(errors[0]!.message).toMatch(
      /^sending error indication for received pak: registration request with pak vpn_src: \S+ vpn_dest: 10\.0\.0\.1 err_code: protocol generic error$/,
    );
  });

  it('a router that has not booted prints its buffers empty', () => {
    expect(roundTrip(emptyState('r1', 'spoke'))).toEqual({ buffers: BUFFERS, entries: [] });
  });
});

describe('show monitor event-trace dmvpn all format, against a real capture', () => {
  const capture = captureLines(CAPTURE, 'genie__golden_output_output.txt');
  // The capture's clock: Jun 22 06:39:28.000 is second 0.
  const clockStartMs = Date.UTC(2024, 5, 22, 6, 39, 28, 0);
  const event = (
    trace: EventTraceView['trace'],
    atSeconds: number,
    name: string,
    message: string,
  ): EventTraceView => ({ trace, atSeconds, event: name, interface: 'Tu1', message });
  const state: RouterState = {
    ...emptyState('Hub', 'hub'),
    clockStartMs,
    eventTrace: [
      event(
        'nhrp_event',
        0.362,
        'NHRP-TUNNEL-ENDPOINT-ADD',
        'Added tunnel endpoints nbma_dest: 3.3.3.1 vpn_dest: 192.168.10.3',
      ),
      event(
        'nhrp_exception',
        0.361,
        'NHRP-NHC-UP',
        'NHC up nbma_src: 1.1.1.1 vpn_src: 192.168.10.1 nbma_dest: 3.3.3.1 vpn_dest: 192.168.10.3 vrf: global(0x0)',
      ),
      event(
        'nhrp_exception',
        24.827,
        'NHRP-NHC-DOWN',
        'NHC down nbma_src: 1.1.1.1 vpn_src: 0.0.0.0 nbma_dest: 2.2.2.1 vpn_dest: 192.168.10.2 vrf: global(0x0) ' +
          'reason: EXT - Admin action (config/clear commands)',
      ),
    ],
  };
  const rendered = renderShowMonitorEventTraceDmvpn(state).split('\n');

  it('opens as the capture does after the prompt: the disabled dmtunnel trace, then nhrp_event', () => {
    expect(rendered.slice(0, 9)).toEqual([...capture.slice(1, 9), capture[10]]);
  });

  it('prints each event line exactly as the capture does', () => {
    for (const line of [capture[10], capture[194], capture[196]]) expect(rendered).toContain(line);
  });

  it('separates the traces by two empty lines and closes with the disabled tp_ss_events trace', () => {
    expect(rendered.filter((line) => line.endsWith(':') && !line.includes(' '))).toEqual([
      'dmtunnel:',
      'nhrp_event:',
      'nhrp_error:',
      'nhrp_exception:',
      'tp_ss_events:',
    ]);
    const exception = rendered.indexOf('nhrp_exception:');
    expect(rendered.slice(exception - 3, exception + 1)).toEqual(['', '', '', 'nhrp_exception:']);
    expect(rendered.slice(rendered.indexOf('tp_ss_events:') - 2)).toEqual([...capture.slice(244, 252), '']);
  });
});
