import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CryptoSession } from '../../model/records/crypto-session.js';
import type { CryptoSessionView, RouterState } from '../model/state.js';
import { resolveCommand } from '../../parsers/registry/index.js';
import { HUB_NBMA, UPTIMES, cryptoHub, cryptoSpoke, type IkeVersion } from './crypto-test-routers.js';
import {
  CRYPTO_SESSION_DETAIL_LEGEND,
  renderShowCryptoSession,
  renderShowCryptoSessionDetail,
} from './show-crypto-session.js';

function parseBack(command: string, text: string): CryptoSession[] {
  const resolved = resolveCommand(command);
  if (!resolved.ok) throw new Error(resolved.error);
  const result = resolved.command.parser.parse(text, { args: resolved.command.args });
  expect(result.error).toBeUndefined();
  expect(result.warnings).toEqual([]);
  return result.records as CryptoSession[];
}

function captureLines(path: string): string[] {
  return readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), 'utf8').split('\n');
}

/** The up IKE SA the state holds for a session's peer. */
function upIkeSa(state: RouterState, session: CryptoSessionView) {
  return state.ikeSas.find(
    (sa) => sa.remote === session.peer && (sa.state === 'QM_IDLE' || sa.state === 'READY'),
  );
}

/** The values both forms print, compared with the state. */
function expectSession(
  record: CryptoSession,
  session: CryptoSessionView,
  state: RouterState,
  version: IkeVersion,
) {
  const localPort = session.port === 500 ? 500 : 4500;
  const local = state.ipsecSas.find((peer) => peer.remote === session.peer)!.local;
  expect(record).toMatchObject({
    interface: session.interface,
    peer: session.peer,
    port: session.port,
    status: session.status,
    fvrf: null,
    ivrf: null,
    profile: null,
  });
  const printsIke = session.ikeActive || session.status === 'DOWN-NEGOTIATING';
  expect(record.ikeSas).toHaveLength(printsIke ? 1 : 0);
  if (printsIke) {
    const sa = upIkeSa(state, session);
    expect(record.ikeSas[0]).toMatchObject({
      version: version === 'v1' ? 'IKEv1' : 'IKEv2',
      sessionId: version === 'v2' && session.ikeActive ? sa!.connId : 0,
      local,
      localPort,
      remote: session.peer,
      remotePort: session.port,
      active: session.ikeActive,
    });
  }
  expect(record.flows).toHaveLength(1);
  expect(record.flows[0]).toMatchObject({
    action: 'permit',
    protocol: '47',
    source: local,
    destination: session.peer,
    activeSas: session.activeSas,
    origin: 'crypto map',
  });
}

describe.each(['v1', 'v2'] as const)('show crypto session (IKE%s)', (version) => {
  it('reads back every session of a hub: up, idle, negotiating, IPsec without IKE, down', () => {
    const hub = cryptoHub(16, version);
    const records = parseBack('show crypto session', renderShowCryptoSession(hub));
    expect(records).toHaveLength(hub.cryptoSessions.length);
    hub.cryptoSessions.forEach((session, i) => {
      const record = records[i]!;
      expectSession(record, session, hub, version);
      expect(record.uptimeSeconds).toBeNull();
      expect(record.ikeSas[0]?.capabilities ?? null).toBeNull();
      expect(record.flows[0]!.inbound).toBeNull();
    });
    expect(new Set(records.map((record) => record.status))).toEqual(
      new Set(['UP-ACTIVE', 'DOWN-NEGOTIATING', 'UP-IDLE', 'UP-NO-IKE', 'DOWN']),
    );
  });

  it('reads back the detail: uptime, IKE conn id and remaining lifetime, NAT-T, packets, drops and SA life', () => {
    const hub = cryptoHub(16, version);
    const records = parseBack('show crypto session detail', renderShowCryptoSessionDetail(hub));
    expect(records).toHaveLength(hub.cryptoSessions.length);
    hub.cryptoSessions.forEach((session, i) => {
      const record = records[i]!;
      expectSession(record, session, hub, version);
      expect(record.uptimeSeconds).toBe(session.uptimeSeconds);
      expect(record.phase1Id).toBe(session.ikeActive ? session.peer : null);
      const sa = session.ikeActive ? upIkeSa(hub, session) : undefined;
      if (record.ikeSas.length > 0) {
        expect(record.ikeSas[0]).toMatchObject({
          capabilities: session.port === 4500 ? ['N'] : [],
          connId: sa?.connId ?? 0,
          lifetimeSeconds: sa === undefined ? 0 : sa.lifetimeSeconds - sa.activeSeconds,
        });
      }
      const ipsec = hub.ipsecSas.find((peer) => peer.remote === session.peer)!;
      const newestIn = ipsec.inbound.at(-1);
      const newestOut = ipsec.outbound.at(-1);
      expect(record.flows[0]!.inbound).toEqual({
        packets: session.pktsDecrypted,
        drops: ipsec.recvErrors,
        lifeKb: newestIn?.remainingKb ?? 0,
        lifeSeconds: newestIn?.remainingSeconds ?? 0,
      });
      expect(record.flows[0]!.outbound).toEqual({
        packets: session.pktsEncrypted,
        drops: ipsec.sendErrors,
        lifeKb: newestOut?.remainingKb ?? 0,
        lifeSeconds: newestOut?.remainingSeconds ?? 0,
      });
    });
    expect(records.map((record) => record.uptimeSeconds)).toEqual(expect.arrayContaining([...UPTIMES, null]));
    expect(records.some((record) => record.flows[0]!.outbound!.packets > 2 ** 32)).toBe(true);
  });

  it('reads back 5,000 sessions of a hub', () => {
    const hub = cryptoHub(5_000, version);
    for (const [command, render] of [
      ['show crypto session', renderShowCryptoSession],
      ['show crypto session detail', renderShowCryptoSessionDetail],
    ] as const) {
      const records = parseBack(command, render(hub));
      expect(new Set(records.map((record) => record.peer)).size).toBe(5_000);
    }
  });
});

const IKEV2_CAPTURE = 'show_crypto_session_detail/ntc__cisco_ios_show_crypto_session_detail_ikev2.raw';

describe('show crypto session format', () => {
  /** The text before a line's first colon: what the line is, whatever its values. */
  const label = (line: string) => line.trim().split(':')[0]!;
  const indentation = (line: string) => line.length - line.trimStart().length;

  it('prints the title and the legend of the real IOS-XE capture', () => {
    const capture = captureLines(IKEV2_CAPTURE);
    const lines = renderShowCryptoSessionDetail(cryptoSpoke('v2')).split('\n');
    const legend = CRYPTO_SESSION_DETAIL_LEGEND.length;
    expect(lines[0]).toBe(capture[0]);
    expect(CRYPTO_SESSION_DETAIL_LEGEND).toEqual(capture.slice(2, 2 + legend));
    expect(lines.slice(2, 2 + legend)).toEqual(CRYPTO_SESSION_DETAIL_LEGEND);
  });

  it.each([
    ['v1', 'show_crypto_session_detail/ntc__cisco_ios_show_crypto_session_detail.raw'],
    ['v2', IKEV2_CAPTURE],
  ] as const)('indents every session line as the real IKE%s capture', (version, path) => {
    const capture = captureLines(path);
    const lines = renderShowCryptoSessionDetail(cryptoSpoke(version)).split('\n');
    const sessions = (text: string[]) =>
      text
        .slice(text.findIndex((line) => line.startsWith('Interface:')))
        .filter((line) => line.trim() !== '');
    const captured = new Map(sessions(capture).map((line) => [label(line), line]));
    const body = sessions(lines);
    expect(body.filter((line) => !captured.has(label(line))).map(label)).toEqual([]);
    for (const line of body) {
      const twin = captured.get(label(line))!;
      expect([label(line), indentation(line)]).toEqual([label(line), indentation(twin)]);
    }
    const counters = body.filter((line) => /^\s+(In|Out)bound:/.test(line));
    const capturedCounters = capture.filter((line) => /^\s+(In|Out)bound:/.test(line));
    expect(counters.length).toBeGreaterThan(0);
    expect(counters.map((line) => line.indexOf('#pkts'))).toEqual(
      counters.map(() => capturedCounters[0]!.indexOf('#pkts')),
    );
  });

  it('prints the plain form without the legend, uptime or counters', () => {
    const text = renderShowCryptoSession(cryptoHub(1, 'v1'));
    expect(text).toBe(
      [
        'Crypto session current status',
        '',
        'Interface: Tunnel0',
        'Session status: UP-ACTIVE',
        'Peer: 198.18.0.1 port 500',
        '  Session ID: 0 ',
        `  IKEv1 SA: local ${HUB_NBMA}/500 remote 198.18.0.1/500 Active`,
        `  IPSEC FLOW: permit 47 host ${HUB_NBMA} host 198.18.0.1`,
        '        Active SAs: 2, origin: crypto map',
        '',
        '',
      ].join('\n'),
    );
  });
});

describe('show crypto session remote <address> [detail]', () => {
  it("keeps that peer's session, and reads back with the remote argument", () => {
    const hub = cryptoHub(8, 'v2');
    for (const session of hub.cryptoSessions) {
      const plain = parseBack(
        `show crypto session remote ${session.peer}`,
        renderShowCryptoSession(hub, session.peer),
      );
      const detail = parseBack(
        `show crypto session remote ${session.peer} detail`,
        renderShowCryptoSessionDetail(hub, session.peer),
      );
      for (const records of [plain, detail]) {
        expect(records).toHaveLength(1);
        expectSession(records[0]!, session, hub, 'v2');
      }
    }
  });

  it('prints the title (and in detail the legend) alone for a peer without a session, as the captures start', () => {
    const hub = cryptoHub(3, 'v1');
    const plain = captureLines('show_crypto_session_remote/genie__golden_output_csr8kv_flow_output.txt');
    const detail = captureLines(
      'show_crypto_session_remote_detail/genie__golden_output_csr8kv_full_output.txt',
    );
    expect(renderShowCryptoSession(hub, '192.0.2.99')).toBe(`${plain.slice(0, 2).join('\n')}\n`);
    expect(
      renderShowCryptoSessionDetail(hub, '192.0.2.99')
        .split('\n')
        .map((line) => line.trimEnd()),
    ).toEqual([...detail.slice(0, 8).map((line) => line.trimEnd()), '']);
  });
});
