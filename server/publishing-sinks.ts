// Watcher sinks that also tell the API what was seen: each poll and each batch of tunnel edges goes to the bus once
// the store has it, so a client that reads the store after an event finds it there.

import type { WatchSinks } from '../collectors/scheduler/watcher.js';
import type { EventBus } from './event-bus.js';

export function publishingSinks(inner: WatchSinks, bus: EventBus): WatchSinks {
  return {
    async onPoll(poll) {
      try {
        await inner.onPoll(poll);
      } finally {
        bus.publish('poll', { snapshot: poll.snapshot, snmp: poll.snmp });
      }
    },
    async onEvents(events) {
      try {
        await inner.onEvents(events);
      } finally {
        bus.publish('tunnel-events', events);
      }
    },
    onError: (error, context) => inner.onError(error, context),
  };
}
