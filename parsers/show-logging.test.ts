import { describe, expect, it } from 'vitest';
import type { LoggingStatus, SyslogEvent } from '../model/records/syslog.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { showLogging } from './show-logging.js';

const FOLDER = 'show_logging';
const CAPTURES = [1, 2, 3, 4, 5].map((n) => `ntc__cisco_ios_show_logging_${n}`);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface NtcLogEntry {
  number: string;
  month: string;
  day: string;
  time: string;
  timezone: string;
  facility: string;
  severity: string;
  mnemonic: string;
  message: string[];
}

function events(text: string): SyslogEvent[] {
  return showLogging
    .parse(text)
    .records.filter((record): record is SyslogEvent => record.kind === 'syslog_event');
}

function status(text: string): LoggingStatus | undefined {
  return showLogging
    .parse(text)
    .records.find((record): record is LoggingStatus => record.kind === 'logging_status');
}

function clockSeconds(time: string): number {
  const [hours, minutes, seconds] = time.split(':').map(Number);
  return Math.round((hours! * 3600 + minutes! * 60 + seconds!) * 1000) / 1000;
}

/** ntc-templates' entry in our terms. */
function fromNtc(entry: NtcLogEntry): object {
  // ntc splits `CEF-HWIDB: ...` (debug output, no `%`) into facility CEF and mnemonic HWIDB; it has no
  // `%FACILITY-SEVERITY-MNEMONIC` code, so we keep it as a message without facility.
  if (entry.severity === '') {
    return {
      facility: null,
      mnemonic: null,
      message: `${entry.facility}-${entry.mnemonic}: ${entry.message[0]}`,
    };
  }
  return {
    sequence: entry.number === '' ? null : Number(entry.number),
    month: MONTHS.indexOf(entry.month) + 1,
    day: Number(entry.day),
    timeOfDaySeconds: clockSeconds(entry.time),
    timezone: entry.timezone === '' ? null : entry.timezone,
    facility: entry.facility,
    severity: Number(entry.severity),
    mnemonic: entry.mnemonic,
    message: entry.message[0],
    continuation: entry.message.slice(1),
  };
}

describe('show logging captures against ntc-templates', () => {
  it.each(CAPTURES)('%s gives the same messages', (name) => {
    const upstream = (loadUpstream(FOLDER, name) as { parsed_sample: NtcLogEntry[] }).parsed_sample;
    const ours = events(readCapture(FOLDER, `${name}.raw`));
    const expected = upstream.map((entry, index) => {
      // The first line of capture 1 is the tail of an overwritten message: ntc reads `7:04` (the end of a lost
      // timestamp) as its time; we keep the message as truncated, with no time.
      if (ours[index]?.truncated) {
        return {
          facility: entry.facility,
          severity: Number(entry.severity),
          mnemonic: entry.mnemonic,
          message: entry.message[0],
        };
      }
      return fromNtc(entry);
    });
    expect(ours).toHaveLength(upstream.length);
    ours.forEach((event, index) => expect(event).toMatchObject(expected[index]!));
  });
});

describe('show logging status and buffer', () => {
  it('reads the status header: levels, counters, syslog hosts, buffer size', () => {
    expect(status(readCapture(FOLDER, 'ntc__cisco_ios_show_logging_3.raw'))).toMatchObject({
      enabled: true,
      messagesDropped: 0,
      messagesRateLimited: 2,
      levels: {
        console: null,
        monitor: 'debugging',
        buffer: 'debugging',
        trap: 'debugging',
        persistent: null,
      },
      messagesLogged: { buffer: 25903, trap: 25907 },
      syslogHosts: [
        { address: '10.12.55.11', transport: 'udp port 514', linkUp: true, messagesLogged: 25907 },
        { address: '10.12.55.13', transport: 'udp port 514', linkUp: true, messagesLogged: 25907 },
      ],
      bufferBytes: 10_000_000,
      bufferWrapFragment: null,
    });
  });

  it('reads the logging source interface and skips the TLS profiles line of IOS-XE', () => {
    const text = [
      'Syslog logging: enabled (0 messages dropped, 3 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)',
      '    Trap logging: level informational, 2083 message lines logged',
      '        Logging Source-Interface:       VRF Name:',
      '        Loopback0                        ',
      '        TLS Profiles: ',
      '',
      'Log Buffer (102400 bytes):',
    ].join('\n');
    const result = showLogging.parse(text);
    expect(result.warnings).toEqual([]);
    expect(result.records).toMatchObject([
      { sourceInterface: 'Loopback0', bufferBytes: 102_400, levels: { trap: 'informational' } },
    ]);
  });

  it('keeps the tail of a message the circular buffer overwrote as a fragment, not a message', () => {
    const text = readCapture(FOLDER, 'ntc__cisco_ios_show_logging_2.raw');
    expect(status(text)?.bufferWrapFragment).toBe('IEEE PD');
    expect(events(text)[0]?.message).toBe('Interface Gi4/3: Power Device detected: IEEE PD');
  });

  it('attaches the lines of a multi-line message to it', () => {
    const restart = events(readCapture(FOLDER, 'ntc__cisco_ios_show_logging_3.raw')).find(
      (event) => event.mnemonic === 'RESTART',
    );
    expect(restart?.continuation).toEqual([
      'Cisco IOS Software, C2900 Software (C2900-UNIVERSALK9-M), Version 15.2(1)T1, RELEASE SOFTWARE (fc1)',
      'Technical Support: http://www.cisco.com/techsupport',
      'Copyright (c) 1986-2011 by Cisco Systems, Inc.',
      'Compiled Mon 19-Sep-11 17:41 by prod_rel_team',
    ]);
  });

  it('a spoke log read through `| include DMVPN` still gives typed events', () => {
    const text = [
      '*Sep 21 07:07:43.914: %DMVPN-5-CRYPTO_SS:  Tunnel0: local address : 198.51.100.2 remote address : 203.0.113.2 socket is DOWN',
      '*Sep 21 07:07:43.914: %DMVPN-5-NHRP_NHS_DOWN: Tunnel0: Next Hop Server : (Tunnel: 172.16.0.1 NBMA: 203.0.113.2 ) for (Tunnel: 172.16.0.2 NBMA: 198.51.100.2) is DOWN, Reason: External(NHRP: no error)',
    ].join('\n');
    const result = showLogging.parse(text, { filtered: true });
    expect(result.warnings).toEqual([]);
    expect(result.records.map((record) => (record as SyslogEvent).detail?.type)).toEqual([
      'crypto_socket',
      'nhrp_peer',
    ]);
  });

  it('warns on a line of the header it does not know, and keeps going', () => {
    const text = [
      'Syslog logging: enabled (0 messages dropped, 0 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)',
      '    Quantum logging: entangled',
      'Log Buffer (4096 bytes):',
      '*Sep 21 07:02:15.216: %CRYPTO-6-ISAKMP_ON_OFF: ISAKMP is OFF',
    ].join('\n');
    const result = showLogging.parse(text);
    expect(result.warnings.map((warning) => warning.line)).toEqual([2]);
    expect(events(text)).toHaveLength(1);
  });
});

describe('show logging bad input', () => {
  it('an empty output is an error, not an exception', () => {
    expect(showLogging.parse('').error?.kind).toBe('empty');
  });

  it('a refused command is reported as invalid input', () => {
    const text = ['show loging', '     ^', "% Invalid input detected at '^' marker."].join('\n');
    expect(showLogging.parse(text).error?.kind).toBe('invalid-input');
  });

  it('garbage gives warnings and not-recognized', () => {
    const result = showLogging.parse('lorem ipsum\ndolor sit amet');
    expect(result.warnings).toHaveLength(2);
    expect(result.error?.kind).toBe('not-recognized');
  });

  it('an output cut in the middle of a message keeps what was printed', () => {
    const text = [
      'Syslog logging: enabled (0 messages dropped, 0 messages rate-limited, 0 flushes, 0 overruns, xml disabled, filtering disabled)',
      'Log Buffer (4096 bytes):',
      '*Sep 21 07:03:50.270: %DMVPN-5-NHRP_NHS_DOWN: Tunnel0: Next Hop Serv',
    ].join('\n');
    const result = showLogging.parse(text);
    expect(result.warnings).toEqual([]);
    expect(events(text)[0]).toMatchObject({ mnemonic: 'NHRP_NHS_DOWN', detail: null });
  });
});
