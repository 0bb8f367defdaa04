import { describe, expect, it } from 'vitest';
import type { NhrpPendingRegistration, NhsEntry } from '../model/records/nhrp-server.js';
import { loadUpstream, readCapture } from '../test/fixture-files.js';
import { resolveCommand } from './registry/index.js';
import { showIpNhrpNhs, type NhsRecord } from './show-ip-nhrp-nhs.js';

const entries = (records: NhsRecord[]): NhsEntry[] =>
  records.filter((record): record is NhsEntry => record.kind === 'nhrp_nhs');
const pendings = (records: NhsRecord[]): NhrpPendingRegistration[] =>
  records.filter((record): record is NhrpPendingRegistration => record.kind === 'nhrp_pending_registration');

const LEGEND = 'Legend: E=Expecting replies, R=Responding, W=Waiting, D=Dynamic';

/** Our records in genie's ShowIpNhrpNhs[Detail] shape, with the fields genie fills. */
function asGenie(records: NhsRecord[]): Record<string, unknown> {
  const genie: Record<string, { nhs_ip: Record<string, Record<string, unknown>> }> = {};
  for (const entry of entries(records)) {
    const nhs: Record<string, unknown> = { nhs_state: entry.flags };
    if (entry.nbma !== null) nhs.nbma_address = entry.nbma;
    nhs.priority = entry.priority;
    nhs.cluster = entry.cluster;
    if (entry.reqSent !== null) {
      nhs.req_sent = entry.reqSent;
      nhs.req_failed = entry.reqFailed;
      nhs.reply_recv = entry.replRecv;
    }
    if (entry.lastReplySecondsAgo !== null) nhs.receive_seconds = entry.lastReplySecondsAgo;
    if (entry.currentRequestId !== null) nhs.current_request_id = entry.currentRequestId;
    if (entry.ackedRequestId !== null) nhs.ack = entry.ackedRequestId;
    if (entry.protectionSocketRequested !== null) {
      nhs.protection_socket_requested = entry.protectionSocketRequested ? 'TRUE' : 'FALSE';
    }
    (genie[entry.interface!] ??= { nhs_ip: {} }).nhs_ip[entry.nhs] = nhs;
  }
  const pending = pendings(records);
  if (pending.length === 0) return genie;
  const reqId = Object.fromEntries(
    pending.map((request) => [
      String(request.requestId),
      { ret: request.retransmitSeconds, nhs_ip: request.nhs, nhs_state: request.state },
    ]),
  );
  return { ...genie, pending_registration_requests: { req_id: reqId } };
}

/** Genie keeps `receive_time` as text; ours is seconds. */
function upstreamWithSeconds(folder: string, name: string): Record<string, unknown> {
  const upstream = structuredClone(loadUpstream(folder, name)) as Record<string, unknown>;
  for (const value of Object.values(upstream)) {
    const servers = (value as { nhs_ip?: Record<string, Record<string, unknown>> }).nhs_ip ?? {};
    for (const nhs of Object.values(servers)) {
      if (typeof nhs.receive_time !== 'string') continue;
      const [h, m, s] = nhs.receive_time.split(':').map(Number);
      nhs.receive_seconds = h! * 3600 + m! * 60 + s!;
      delete nhs.receive_time;
    }
  }
  return upstream;
}

describe('show ip nhrp nhs: the captures agree with their upstream parse', () => {
  it('show ip nhrp nhs tunnel 100 (genie), plus the NHS without an NBMA address that genie drops', () => {
    const { records } = showIpNhrpNhs.parse(
      readCapture('show_ip_nhrp_nhs', 'genie__golden_output_2_output.txt'),
    );
    const ours = asGenie(records) as { Tunnel100: { nhs_ip: Record<string, unknown> } };
    // Genie's regex for the short form needs `NBMA Address:`, so it loses `172.16.0.1   E  priority = 0 ...`.
    const { '172.16.0.1': withoutNbma, ...rest } = ours.Tunnel100.nhs_ip;
    expect({ Tunnel100: { nhs_ip: rest } }).toEqual(
      upstreamWithSeconds('show_ip_nhrp_nhs', 'genie__golden_output_2'),
    );
    expect(withoutNbma).toEqual({ nhs_state: 'E', priority: 0, cluster: 0 });
  });

  it.each(['genie__golden_output_2', 'genie__golden_output_3'])(
    'show ip nhrp nhs detail %s (genie)',
    (name) => {
      const { records, warnings } = showIpNhrpNhs.parse(
        readCapture('show_ip_nhrp_nhs_detail', `${name}_output.txt`),
      );
      expect(warnings).toEqual([]);
      expect(asGenie(records)).toEqual(upstreamWithSeconds('show_ip_nhrp_nhs_detail', name));
    },
  );

  it('reads the IOS 15 detail line that has no NBMA address (raw capture)', () => {
    const raw = readCapture('show_ip_nhrp_nhs_detail', 'Truxton-Marley_ENARSI__r3_spoke_ios15.raw');
    expect(entries(showIpNhrpNhs.parse(raw).records)).toMatchObject([
      {
        interface: 'Tunnel0',
        nhs: '172.16.123.1',
        nbma: null,
        flags: 'RE',
        up: true,
        reqSent: 3,
        replRecv: 3,
      },
    ]);
  });
});

describe('show ip nhrp nhs detail: what a spoke says about its hubs', () => {
  it('a healthy spoke shows RE, repl-recv close to req-sent and a recent reply', () => {
    const text = [
      LEGEND,
      'Tunnel0:',
      '10.0.0.1  RE  NBMA Address: 192.0.2.1 priority = 0 cluster = 0  req-sent 1234  req-failed 0  repl-recv 1230 (00:00:05 ago)',
      ' Current Request ID: 1234 (Ack: 1234)',
      ' Protection Socket Requested: FALSE',
    ].join('\n');
    const result = showIpNhrpNhs.parse(text);
    expect(result.warnings).toEqual([]);
    expect(result.records).toEqual([
      {
        kind: 'nhrp_nhs',
        line: 3,
        interface: 'Tunnel0',
        nhs: '10.0.0.1',
        nbma: '192.0.2.1',
        flags: 'RE',
        up: true,
        expecting: true,
        waiting: false,
        dynamic: false,
        priority: 0,
        cluster: 0,
        reqSent: 1234,
        reqFailed: 0,
        replRecv: 1230,
        lastReplySecondsAgo: 5,
        currentRequestId: 1234,
        ackedRequestId: 1234,
        protectionSocketRequested: false,
      },
    ]);
  });

  it('a broken spoke shows E alone, req-sent rising between polls, repl-recv 0 and no reply ever', () => {
    const poll = (sent: number): NhsEntry =>
      entries(
        showIpNhrpNhs.parse(
          [
            LEGEND,
            'Tunnel0:',
            `10.0.0.1   E  NBMA Address: 192.0.2.1 priority = 0 cluster = 0  req-sent ${sent}  req-failed 0  repl-recv 0 (never)`,
            ` Current Request ID: ${sent}`,
          ].join('\n'),
        ).records,
      )[0]!;
    const [before, after] = [poll(40), poll(46)];
    expect(after).toMatchObject({
      flags: 'E',
      up: false,
      expecting: true,
      replRecv: 0,
      lastReplySecondsAgo: null,
    });
    expect(after.currentRequestId).toBe(46);
    expect(after.ackedRequestId).toBeNull();
    expect(after.reqSent! - before.reqSent!).toBe(6);
  });

  it('a dual-hub spoke with one hub down shows one NHS responding and the other not', () => {
    const text = [
      LEGEND,
      'Tunnel0:',
      '10.0.0.1  RE  NBMA Address: 192.0.2.1 priority = 0 cluster = 0  req-sent 310  req-failed 0  repl-recv 309 (00:00:41 ago)',
      '10.0.0.2   E  NBMA Address: 198.51.100.1 priority = 0 cluster = 0  req-sent 290  req-failed 0  repl-recv 12 (01:12:09 ago)',
    ].join('\n');
    const nhs = entries(showIpNhrpNhs.parse(text).records);
    expect(
      nhs.map(({ nhs: address, nbma, up, lastReplySecondsAgo }) => ({
        address,
        nbma,
        up,
        lastReplySecondsAgo,
      })),
    ).toEqual([
      { address: '10.0.0.1', nbma: '192.0.2.1', up: true, lastReplySecondsAgo: 41 },
      { address: '10.0.0.2', nbma: '198.51.100.1', up: false, lastReplySecondsAgo: 4329 },
    ]);
  });

  it('gives each NHS the tunnel whose header it is under, across two tunnels', () => {
    const text = [
      LEGEND,
      'Tunnel0:',
      '10.0.0.1  RE  NBMA Address: 192.0.2.1 priority = 0 cluster = 0',
      '',
      'Tunnel1:',
      '10.1.0.1  RE  NBMA Address: 198.51.100.1 priority = 0 cluster = 0',
      '10.1.0.2   E  NBMA Address: 198.51.100.2 priority = 0 cluster = 0',
    ].join('\n');
    expect(
      entries(showIpNhrpNhs.parse(text).records).map((entry) => [entry.interface, entry.nhs, entry.line]),
    ).toEqual([
      ['Tunnel0', '10.0.0.1', 3],
      ['Tunnel1', '10.1.0.1', 6],
      ['Tunnel1', '10.1.0.2', 7],
    ]);
  });

  it('lists pending registration requests, with the tunnel IOS names in parentheses written in full', () => {
    const text = [
      LEGEND,
      'Tunnel0:',
      '10.0.0.1   E  NBMA Address: 192.0.2.1 priority = 0 cluster = 0  req-sent 9120  req-failed 0  repl-recv 0',
      ' Current Request ID: 611',
      'Tunnel10:',
      '10.10.0.1   E  priority = 0 cluster = 0  req-sent 80  req-failed 0  repl-recv 0',
      '',
      '',
      'Pending Registration Requests:',
      'Registration Request: Reqid 611, Ret 64  NHS 10.0.0.1 expired (Tu0)',
      'Registration Request: Reqid 12, Ret 8  NHS 10.10.0.1',
    ].join('\n');
    const result = showIpNhrpNhs.parse(text);
    expect(result.warnings).toEqual([]);
    expect(pendings(result.records)).toEqual([
      {
        kind: 'nhrp_pending_registration',
        line: 10,
        requestId: 611,
        retransmitSeconds: 64,
        nhs: '10.0.0.1',
        state: 'expired',
        interface: 'Tunnel0',
      },
      {
        kind: 'nhrp_pending_registration',
        line: 11,
        requestId: 12,
        retransmitSeconds: 8,
        nhs: '10.10.0.1',
        state: null,
        interface: null,
      },
    ]);
  });

  it('a backup NHS held back shows W: waiting, not responding', () => {
    const text = [
      LEGEND,
      'Tunnel0:',
      '10.0.0.1  RE  NBMA Address: 192.0.2.1 priority = 1 cluster = 0',
      '10.0.0.3   W  NBMA Address: 192.0.2.3 priority = 2 cluster = 0',
    ].join('\n');
    expect(entries(showIpNhrpNhs.parse(text).records)[1]).toMatchObject({
      nhs: '10.0.0.3',
      flags: 'W',
      waiting: true,
      up: false,
      expecting: false,
      priority: 2,
    });
  });

  it('an NHS learned through `ip nhrp nhs dynamic` carries D', () => {
    const text = [LEGEND, 'Tunnel0:', '10.0.0.1  RED  NBMA Address: 192.0.2.1 priority = 0 cluster = 0'].join(
      '\n',
    );
    expect(entries(showIpNhrpNhs.parse(text).records)[0]).toMatchObject({
      dynamic: true,
      up: true,
      expecting: true,
    });
  });

  it('reads IPv6 next-hop servers, whether the address starts with a digit or a letter', () => {
    const text = [
      'Legend: E=Expecting replies, R=Responding, W=Waiting',
      'Tunnel0:',
      '2001:DB8:0:FFFF::1  RE  NBMA Address: 192.0.2.1 priority = 0 cluster = 0',
      'FD00:10::1   E  NBMA Address: 2001:DB8:1::1 priority = 0 cluster = 0',
    ].join('\n');
    const result = showIpNhrpNhs.parse(text);
    expect(result.warnings).toEqual([]);
    expect(entries(result.records).map((entry) => [entry.nhs, entry.nbma, entry.up])).toEqual([
      ['2001:DB8:0:FFFF::1', '192.0.2.1', true],
      ['FD00:10::1', '2001:DB8:1::1', false],
    ]);
  });

  it('reads the IOS 12.4 layout: legend over several lines, the NHS on the header line, a tab after Legend:', () => {
    const text = [
      'Legend:\t',
      '  E=Expecting replies',
      '  R=Responding',
      'Tunnel1: 10.1.1.1 E req-sent 0 req-failed 0 repl-recv 0',
      'Pending Registration Requests:',
      'Registration Request: Reqid 4371, Ret 64 NHS 10.1.1.1',
    ].join('\n');
    const result = showIpNhrpNhs.parse(text);
    expect(result.warnings).toEqual([]);
    expect(result.records).toMatchObject([
      { kind: 'nhrp_nhs', interface: 'Tunnel1', nhs: '10.1.1.1', flags: 'E', reqSent: 0, replRecv: 0 },
      { kind: 'nhrp_pending_registration', requestId: 4371, nhs: '10.1.1.1', state: null },
    ]);
  });
});

describe('show ip nhrp nhs: filtered and broken output', () => {
  const filteredRows = [
    '10.0.0.1  RE  NBMA Address: 192.0.2.1 priority = 0 cluster = 0  req-sent 310  req-failed 0  repl-recv 309 (00:00:41 ago)',
    '10.0.0.2   E  NBMA Address: 198.51.100.1 priority = 0 cluster = 0  req-sent 290  req-failed 0  repl-recv 0',
  ].join('\n');

  it('`| include RE|E ` keeps the NHS rows; their interface is unknown, and nothing is reported missing', () => {
    const resolution = resolveCommand('show ip nhrp nhs detail | include RE|E ');
    if (!resolution.ok) throw new Error(resolution.error);
    const { parser, args, filtered } = resolution.command;
    const result = parser.parse(filteredRows, { args, filtered });
    expect(result.error).toBeUndefined();
    expect(result.warnings).toEqual([]);
    expect(result.records).toMatchObject([
      { nhs: '10.0.0.1', interface: null, up: true },
      { nhs: '10.0.0.2', interface: null, up: false },
    ]);
  });

  it('takes the interface from the command line when the header was filtered out', () => {
    const resolution = resolveCommand('sh ip nhrp nhs tunnel 0 det | i RE|E ');
    if (!resolution.ok) throw new Error(resolution.error);
    const { parser, args, filtered } = resolution.command;
    expect(parser).toBe(showIpNhrpNhs);
    const result = parser.parse(filteredRows, { args, filtered });
    expect(entries(result.records as NhsRecord[]).map((entry) => entry.interface)).toEqual([
      'Tunnel0',
      'Tunnel0',
    ]);
  });

  it('says once that detail lines whose NHS line was filtered out cannot be attached', () => {
    const text = [' Current Request ID: 35914 (Ack: 35914)', ' Current Request ID: 57'].join('\n');
    const result = showIpNhrpNhs.parse(text, { filtered: true });
    expect(result.records).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({
      line: 1,
      reason: expect.stringContaining('2 detail line(s)'),
    });
  });

  it('a spoke with no NHS configured prints only the legend: no records, and no error', () => {
    const result = showIpNhrpNhs.parse(`${LEGEND}\n`);
    expect(result).toEqual({ command: 'show ip nhrp nhs', records: [], warnings: [] });
  });

  it('an empty output is reported as empty', () => {
    expect(showIpNhrpNhs.parse('').error?.kind).toBe('empty');
  });

  it('a refused command is reported as invalid input, with no records', () => {
    const text = [
      'show ip nhrp nhs detial',
      '                 ^',
      "% Invalid input detected at '^' marker.",
      '',
    ].join('\n');
    const result = showIpNhrpNhs.parse(text);
    expect(result.error?.kind).toBe('invalid-input');
    expect(result.records).toEqual([]);
  });

  it('a line cut short keeps what it has and names what it could not read', () => {
    const text = [
      LEGEND,
      'Tunnel0:',
      '10.0.0.1  RE  NBMA Address: 192.0.2.1 priority = 0 cluster = 0  req-sent 1234  req-fai',
    ].join('\n');
    const result = showIpNhrpNhs.parse(text);
    expect(entries(result.records)[0]).toMatchObject({
      nhs: '10.0.0.1',
      reqSent: 1234,
      reqFailed: null,
      replRecv: null,
    });
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 3, reason: 'not understood in the NHS line: req-fai' }),
    ]);
  });

  it('garbage gives warnings and a not-recognized error, never an exception', () => {
    const result = showIpNhrpNhs.parse('hello world\n12 monkeys\n@@@ ### $$$\nconstructor = 1\n');
    expect(result.records).toEqual([]);
    expect(result.warnings).toHaveLength(4);
    expect(result.error?.kind).toBe('not-recognized');
  });
});
