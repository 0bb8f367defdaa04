import { describe, expect, it } from 'vitest';
import type { LoggingStatus, SyslogEvent } from '../../model/records/syslog.js';
import type { LogMessageView, RouterState } from '../model/state.js';
import { captureLines, parseRendered } from './dmvpn-test-parse.js';
import { DEFAULT_LOG_BUFFER_BYTES, renderShowLogging } from './show-logging.js';
import { syslogTimestamp } from './syslog-timestamp.js';
import { shape } from './system-test-format.js';
import { hubState, spokeLogs } from './system-test-states.js';

function parsed(state: RouterState, bufferBytes?: number) {
  const records = parseRendered<LoggingStatus | SyslogEvent>(
    'show logging',
    renderShowLogging(state, bufferBytes),
  );
  return {
    status: records.filter((record): record is LoggingStatus => record.kind === 'logging_status'),
    events: records.filter((record): record is SyslogEvent => record.kind === 'syslog_event'),
  };
}

/** What the parser must give back for one message: its stamp and its code and text. */
function expectedEvent(log: LogMessageView) {
  const stamp = syslogTimestamp(log.atSeconds);
  return { timestamp: stamp.slice(1, -2), unsynced: true, text: log.text.replace(/\s+/g, ' ') };
}

function actualEvent(event: SyslogEvent) {
  return {
    timestamp: event.timestamp,
    unsynced: event.unsynced,
    text: `%${event.facility}-${event.severity}-${event.mnemonic}: ${event.message}`.replace(/\s+/g, ' '),
  };
}

function loggedHub(): RouterState {
  const state = hubState();
  state.logs = [
    ...spokeLogs(6),
    {
      atSeconds: 3_600.5,
      text: '%DMVPN-5-CRYPTO_SS:  Tunnel0: local address : 203.0.113.1 remote address : 198.18.0.7 socket is DOWN',
    },
    { atSeconds: 6 * 86_400 + 1, text: '%SYS-7-DEBUG_NOTE: debug messages are not sent to the trap logger' },
    {
      atSeconds: 6 * 86_400 + 2,
      text: '%DMVPN-3-DMVPN_NHRP_ERROR: Tunnel0: Recieved wrong authentication string for Registration Request, Reason: authentication failure (11) on (Tunnel: 10.0.0.17 NBMA: 203.0.113.1)',
    },
  ];
  return state;
}

describe('show logging round trip', () => {
  it('gives back every message with its lab-clock stamp, and the counts of the status header', () => {
    const state = loggedHub();
    const { status, events } = parsed(state);
    expect(events.map(actualEvent)).toEqual(state.logs.map(expectedEvent));
    expect(events.map((event) => event.truncated)).toEqual(state.logs.map(() => false));
    expect(status).toEqual([
      expect.objectContaining({
        enabled: true,
        levels: {
          console: 'debugging',
          monitor: 'debugging',
          buffer: 'debugging',
          trap: 'informational',
          file: null,
          persistent: null,
        },
        messagesLogged: { console: 9, monitor: 0, buffer: 9, trap: 8 },
        bufferBytes: DEFAULT_LOG_BUFFER_BYTES,
        bufferWrapFragment: null,
      }),
    ]);
  });

  it('prints the status and an empty buffer for a router that logged nothing', () => {
    const { status, events } = parsed(hubState());
    expect(events).toEqual([]);
    expect(status[0]).toMatchObject({ messagesLogged: { buffer: 0, trap: 0 } });
  });

  it('a full buffer keeps the newest messages and the tail of the one it wrapped over, as IOS does', () => {
    const state = hubState();
    state.logs = spokeLogs(40);
    const { status, events } = parsed(state, 2_000);
    const whole = events.filter((event) => !event.truncated);
    expect(whole.map(actualEvent)).toEqual(state.logs.slice(-whole.length).map(expectedEvent));
    expect(whole.length).toBeLessThan(40);
    const fragment = events.length > whole.length ? events[0]!.message : status[0]!.bufferWrapFragment;
    expect(fragment).not.toBeNull();
    const lines = renderShowLogging(state, 2_000).split('\n');
    const buffered = lines.slice(lines.indexOf('Log Buffer (2000 bytes):') + 1, -1);
    expect(buffered.reduce((bytes, line) => bytes + line.length + 1, 0)).toBe(2_000);
    expect(buffered[0]).not.toBe('');
  });

  it('gives back the 15,000 messages of a 5,000-spoke hub from a 10 MB buffer', () => {
    const state = hubState();
    state.logs = spokeLogs(15_000);
    const { events } = parsed(state, 10_000_000);
    expect(events).toHaveLength(15_000);
    expect(events.at(-1)!.message).toBe(state.logs.at(-1)!.text.replace(/^%\S+: /, ''));
  });
});

describe('show logging format against real captures', () => {
  const capture = captureLines('show_logging', 'ntc__cisco_ios_show_logging_1.raw');
  const unwrapped = captureLines('show_logging', 'ntc__cisco_ios_show_logging_3.raw');

  it('prints the status header of IOS line for line, numbers aside, then the IOS-XE TLS line', () => {
    const lines = renderShowLogging(loggedHub()).split('\n');
    const end = capture.findIndex((line) => line.includes('Logging Source-Interface:'));
    expect(lines.slice(0, end + 1).map(shape)).toEqual(capture.slice(0, end + 1).map(shape));
    expect(lines.slice(end + 1, end + 4)).toEqual([
      '        TLS Profiles: ',
      '',
      `Log Buffer (${DEFAULT_LOG_BUFFER_BYTES} bytes):`,
    ]);
  });

  it('starts a buffer that has not wrapped with the empty line IOS prints, then stamps as IOS does', () => {
    const lines = renderShowLogging(loggedHub()).split('\n');
    const start = lines.findIndex((line) => line.startsWith('Log Buffer ('));
    const captured = unwrapped.findIndex((line) => line.startsWith('Log Buffer ('));
    expect(lines[start + 1]).toBe(unwrapped[captured + 1]);
    expect(lines[start + 1]).toBe('');
    expect(lines[start + 2]).toMatch(/^\*Nov 25 08:00:00\.000: %DMVPN-5-NHRP_NHC_UP: Tunnel0: /);
  });
});
