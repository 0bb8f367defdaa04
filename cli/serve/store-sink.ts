// Where the watcher's polls and tunnel edges go: samples to the time-series store (DESIGN.md's schema), the latest
// snapshot and the edges to the state store.

import type { Logger } from 'pino';
import type { WatchSinks } from '../../collectors/scheduler/watcher.js';
import type { TunnelEvent } from '../../model/finding.js';
import type { Sample } from '../../model/sample.js';
import type { DeviceSnapshot } from '../../model/snapshot.js';
import type { SnmpPollResult } from '../../model/snmp.js';
import { recordsToSamples } from '../../parsers/samples.js';
import type { Storage } from '../../storage/open-storage.js';

export interface PollTally {
  polls: number;
  failedPolls: number;
  events: number;
}

function pollSample(
  snapshot: DeviceSnapshot,
  collector: 'ssh' | 'snmp',
  durationMs: number,
  error: string | null,
): Sample {
  return {
    measurement: 'collector_poll',
    tags: { device: snapshot.device, role: snapshot.role, collector },
    fields: { ok: error ? 0 : 1, duration_ms: Math.round(durationMs), ...(error ? { error } : {}) },
    time: snapshot.collectedAt,
  };
}

function eventSample(event: TunnelEvent, roles: Map<string, string>): Sample {
  return {
    measurement: 'tunnel_event',
    tags: {
      device: event.device,
      role: roles.get(event.device) ?? 'spoke',
      ...(event.interface ? { interface: event.interface } : {}),
      ...(event.peer ? { peer: event.peer } : {}),
      source: event.source,
    },
    fields: { from: event.from, to: event.to },
    time: event.at,
  };
}

/** The samples of one poll: its records, and how the SSH (and SNMP) collection went. */
export function pollSamples(snapshot: DeviceSnapshot, snmp: SnmpPollResult | null): Sample[] {
  const records = snapshot.outputs.flatMap((output) => output.parsed.records);
  const samples = recordsToSamples(records, {
    device: snapshot.device,
    role: snapshot.role,
    time: snapshot.collectedAt,
  });
  const sshMs = snapshot.outputs.reduce((total, output) => total + output.durationMs, 0);
  samples.push(pollSample(snapshot, 'ssh', sshMs, snapshot.errors[0]?.message ?? null));
  if (snmp) samples.push(pollSample(snapshot, 'snmp', snmp.durationMs, snmp.errors[0]?.message ?? null));
  return samples;
}

/** With `samplesWritten`, the polls' samples are already in the store (queue workers write them). */
export function storeSinks(
  storage: Storage,
  logger: Logger,
  tally: PollTally,
  options: { samplesWritten?: boolean } = {},
): WatchSinks {
  const roles = new Map<string, string>();
  return {
    async onPoll({ snapshot, snmp }: { snapshot: DeviceSnapshot; snmp: SnmpPollResult | null }) {
      roles.set(snapshot.device, snapshot.role);
      tally.polls += 1;
      const sshError = snapshot.errors[0]?.message ?? null;
      if (sshError || snmp?.errors.length) {
        tally.failedPolls += 1;
        logger.warn(
          { device: snapshot.device, errors: [...snapshot.errors, ...(snmp?.errors ?? [])] },
          'poll failed',
        );
      }
      if (snapshot.outputs.length > 0) storage.state.saveSnapshot(snapshot);
      if (!options.samplesWritten) await storage.timeSeries.write(pollSamples(snapshot, snmp));
    },
    async onEvents(events) {
      const fresh = storage.state.addTunnelEvents(events);
      tally.events += fresh;
      for (const event of events) logger.info({ event }, 'tunnel event');
      await storage.timeSeries.write(events.map((event) => eventSample(event, roles)));
    },
    onError(error, context) {
      logger.error({ err: error, context }, error.message);
    },
  };
}
