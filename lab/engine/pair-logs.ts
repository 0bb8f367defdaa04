// The log messages a spoke-hub pair's history puts in each end's buffer: NHS/NHC and crypto socket transitions,
// and the messages repeated on a clock (refused registrations, failed IKE, stray ESP).

import { oldNbma } from './verdict.js';
import type { LogEntry, NhrpEnds } from './logs.js';
import { texts } from './logs.js';
import { connIdOf } from './crypto-views.js';
import { segments } from './counters.js';
import { spiOf } from './ipsec.js';
import { periodicTimes, retryTimes } from './nhrp.js';
import type { EventSeries, PairEvent, PairHistory } from './history.js';
import { CRYPTO_LOG_INTERVAL, LOG_BUFFER } from './timing.js';
import type { Topology } from './topology.js';

export interface PairLogs {
  spoke: LogEntry[];
  hub: LogEntry[];
}

function seriesTimes(series: EventSeries): number[] {
  if (series.to <= series.from) return [];
  return series.period === null
    ? retryTimes(series.anchor, series.from, series.to, LOG_BUFFER)
    : periodicTimes(series.anchor, series.period, series.from, series.to, LOG_BUFFER);
}

export function pairLogs(history: PairHistory, topology: Topology): PairLogs {
  const { pair } = history.conditions;
  const logs: PairLogs = { spoke: [], hub: [] };
  const spokeAddress = pair.spoke.wan.address;
  const spokePublic = topology.publicAddress(pair.spoke);
  const hub = pair.hub;
  const hubAddress = hub?.wan.address ?? pair.target ?? 'UNKNOWN';
  const hubTunnel = pair.hubTunnel?.name ?? pair.spokeTunnel.name;
  const spokeEnds: NhrpEnds = {
    interface: pair.spokeTunnel.name,
    peerTunnel: pair.nhs.tunnel,
    peerNbma: pair.target ?? 'UNKNOWN',
    localTunnel: pair.spokeTunnel.address,
    localNbma: spokeAddress,
  };
  const hubEnds: NhrpEnds = {
    interface: hubTunnel,
    peerTunnel: pair.spokeTunnel.address,
    peerNbma: spokePublic,
    localTunnel: pair.hubTunnel?.address ?? pair.nhs.tunnel,
    localNbma: hubAddress,
  };
  // The spoke's NBMA changed at second 0: the hub's events before then, and the expiry of the entry it registered
  // with the old NBMA (`nbma-unique`), name the old NBMA.
  const builtPublic = oldNbma(topology, pair);
  const verdict = history.conditions.verdict;
  const oldExpiry =
    verdict.layer === 'NHRP' && verdict.kind === 'nbma-unique'
      ? history.events.find((event) => event.side === 'hub' && event.kind === 'nhc-down' && event.t >= 0)
      : undefined;
  const hubPublic = (event: PairEvent): string =>
    builtPublic !== null && (event.t < 0 || event === oldExpiry) ? builtPublic : spokePublic;
  const seed = topology.network.options.seed;
  const text = (event: PairEvent): (() => string) => {
    const spokeSide = event.side === 'spoke';
    const ends = spokeSide
      ? builtPublic !== null && event.t < 0 && !topology.behindNat(pair.spoke)
        ? { ...spokeEnds, localNbma: builtPublic }
        : spokeEnds
      : { ...hubEnds, peerNbma: hubPublic(event) };
    switch (event.kind) {
      case 'crypto-up':
      case 'crypto-down':
        return () =>
          texts.cryptoSocket(
            ends.interface,
            spokeSide ? ends.localNbma : hubAddress,
            spokeSide ? (pair.target ?? 'UNKNOWN') : hubPublic(event),
            event.kind === 'crypto-up',
          );
      case 'nhs-up':
        return () => texts.nhsUp(ends);
      case 'nhs-down':
        return () => texts.nhsDown(ends, event.reason ?? '');
      case 'nhc-up':
        return () => texts.nhcUp(ends);
      case 'nhc-down':
        return () => texts.nhcDown(ends, event.reason ?? '');
      case 'bad-message':
        return () => texts.badMessage(spokePublic);
      case 'mode-failure':
        return () => texts.quickModeFailure(spokePublic);
      case 'auth-error':
        return () => texts.authFailure(hubTunnel, pair.spokeTunnel.address, hubAddress);
      case 'nhs-error':
        return () =>
          texts.encapError(hubTunnel, 'Registration Request', pair.spokeTunnel.address, spokePublic);
      case 'resolution-error':
        return () => texts.encapError(hubTunnel, 'Resolution Request', pair.spokeTunnel.address, spokePublic);
      case 'not-ipsec':
        return () => texts.notIpsec(hubAddress, spokePublic);
      case 'invalid-spi': {
        // The stray packet carries the SPI the sender still uses: its outbound SA of that session.
        const session = event.session;
        const generation = session ? Math.floor((event.t - session.start) / history.rekeyPeriod) : 0;
        const spi = spiOf(pair.key, spokeSide ? 1 : 0, (session?.id ?? 0) * 100_000 + generation, seed);
        return spokeSide
          ? () =>
              texts.invalidSpi(
                spokeAddress,
                spi,
                topology.publicAddress(hub ?? pair.spoke),
                pair.spoke.wan.name,
              )
          : () => texts.invalidSpi(hubAddress, spi, spokePublic, hub?.wan.name ?? 'GigabitEthernet1');
      }
    }
  };
  const push = (event: PairEvent): void => {
    const rateLimit = event.kind === 'invalid-spi' || event.kind === 'not-ipsec' ? event.kind : undefined;
    const entry: LogEntry = { t: event.t, text: text(event), ...(rateLimit ? { rateLimit } : {}) };
    logs[event.side].push(entry);
    if (event.kind === 'nhs-error')
      logs[event.side].push({
        t: event.t,
        text: () => texts.encapError(hubTunnel, 'Error Indication', pair.spokeTunnel.address, spokePublic),
      });
  };
  for (const event of history.events) push(event);
  for (const series of history.series)
    for (const t of seriesTimes(series))
      push({
        t,
        side: series.side,
        kind: series.kind,
        ...(series.session === undefined ? {} : { session: series.session }),
        ...(series.reason === undefined ? {} : { reason: series.reason }),
      });
  // ESP reordered by the underlay towards an end: its anti-replay check drops some of what arrives on its inbound SA
  // (one message a minute at most: IOS rate-limits it, the buffer keeps the limit per router).
  const reorder = topology.network.underlay.reorder;
  for (const side of ['spoke', 'hub'] as const) {
    const receiver = side === 'spoke' ? pair.spoke : hub;
    const rate = receiver ? (reorder?.get(receiver.hostname)?.ratePerSecond ?? 0) : 0;
    if (rate <= 0) continue;
    const source = side === 'spoke' ? topology.publicAddress(hub ?? pair.spoke) : spokePublic;
    const destination = side === 'spoke' ? spokeAddress : hubAddress;
    for (const segment of segments(history, 0, history.at)) {
      const phase = side === 'spoke' ? segment.spoke : segment.hub;
      const session = phase.session;
      const receiving = side === 'spoke' ? segment.toSpoke : segment.toHub;
      if (
        !receiving ||
        !session?.encrypted ||
        (phase.posture !== 'up' && phase.posture !== 'nhrp' && phase.posture !== 'crypto')
      )
        continue;
      for (let t = segment.from + Math.ceil(1 / rate); t < segment.to; t += CRYPTO_LOG_INTERVAL) {
        const generation = Math.floor((t - session.start) / history.rekeyPeriod);
        const spi = spiOf(pair.key, side === 'spoke' ? 1 : 0, session.id * 100_000 + generation, seed);
        const handle = connIdOf(pair.key, session.id) + 1000 + 2 * generation;
        logs[side].push({
          t,
          text: () => texts.replayError(handle, source, destination, spi),
          rateLimit: 'replay-error',
        });
      }
    }
  }
  return logs;
}
