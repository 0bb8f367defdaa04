// Alerting while serving: every `evaluateSeconds` (and soon after new findings or tunnel edges) the rules are
// evaluated over the active findings and recent tunnel edges of the state store; the notifications they give are
// queued per receiver, persisted, and delivered in order. A receiver that fails is retried with exponential backoff;
// its queue survives a restart.

import type { Logger } from 'pino';
import type { StateStore } from '../../storage/state-store.js';
import { readSecret } from '../../storage/secrets.js';
import type { EventBus } from '../event-bus.js';
import { AlertBook, type AlertState, type BookSettings } from './alert-book.js';
import { readAlertingState, writeAlertingState, type ReceiverQueue } from './alert-file.js';
import { currentConditions, DeviceGroups, flapHistoryMs, isSilenced } from './conditions.js';
import type { AlertingConfig, ReceiverConfig } from './config.js';
import { deliveryFor, post } from './notifiers.js';

const BATCH = 100;
const DEFAULT_REPEAT_SECONDS: Record<ReceiverConfig['kind'], number> = {
  webhook: 0,
  slack: 0,
  alertmanager: 60,
};

export interface AlertingOptions {
  config: AlertingConfig;
  state: StateStore;
  /** Where the alerts and undelivered notifications are kept across restarts. */
  file: string;
  log: Logger;
  bus?: EventBus;
  clock?: () => number;
  env?: NodeJS.ProcessEnv;
}

interface Receiver {
  config: ReceiverConfig;
  url: string;
}

export class Alerting {
  private readonly book: AlertBook;
  private readonly queues: Map<string, ReceiverQueue>;
  private readonly receivers: Map<string, Receiver>;
  private readonly settings: BookSettings;
  private readonly groups: DeviceGroups;
  private readonly clock: () => number;
  private readonly stops: (() => void)[] = [];
  private evaluateTimer: NodeJS.Timeout | null = null;
  private soonTimer: NodeJS.Timeout | null = null;
  private deliveryTimer: NodeJS.Timeout | null = null;
  private delivering: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: AlertingOptions) {
    const { config } = options;
    this.clock = options.clock ?? Date.now;
    this.receivers = new Map(
      config.receivers.map((receiver) => {
        let url: string;
        try {
          url = typeof receiver.url === 'string' ? receiver.url : readSecret(receiver.url, options.env)!;
        } catch (error) {
          throw new Error(`alerting receiver "${receiver.name}": url: ${(error as Error).message}`);
        }
        return [receiver.name, { config: receiver, url }];
      }),
    );
    const saved = readAlertingState(options.file);
    this.book = new AlertBook(saved.alerts);
    // A restart is a fresh chance for a receiver that was backing off: try it at once.
    this.queues = new Map(
      Object.entries(saved.queues).map(([name, queue]) => [
        name,
        { ...queue, attempts: 0, nextAttemptAt: 0 },
      ]),
    );
    this.groups = new DeviceGroups(config.deviceGroups);
    this.settings = {
      rules: config.rules,
      receivers: new Map(
        config.receivers.map((receiver) => [
          receiver.name,
          (receiver.repeatSeconds ?? DEFAULT_REPEAT_SECONDS[receiver.kind]) * 1000,
        ]),
      ),
      silences: config.silences,
    };
  }

  /** Starts evaluating on its interval and delivers what a previous run left undelivered. */
  start(): this {
    this.evaluateTimer = setInterval(() => this.evaluate(), this.options.config.evaluateSeconds * 1000);
    if (this.options.bus) {
      this.stops.push(this.options.bus.subscribe('findings', () => this.evaluateSoon()));
      this.stops.push(this.options.bus.subscribe('tunnel-events', () => this.evaluateSoon()));
    }
    this.scheduleDelivery();
    return this;
  }

  alerts(): AlertState[] {
    return this.book.list();
  }

  /** What GET /api/alerts shows. */
  overview() {
    const now = this.clock();
    const silences = this.options.config.silences.filter(
      (silence) => Date.parse(silence.startsAt) <= now && now < Date.parse(silence.endsAt),
    );
    return {
      alerts: this.book.list().map(({ notified: _notified, missingSince: _missing, ...alert }) => ({
        ...alert,
        silenced: isSilenced(alert.labels, silences, now),
      })),
      silences,
      receivers: [...this.receivers.keys()].map((name) => ({
        name,
        pending: this.queues.get(name)?.pending.length ?? 0,
        lastError: this.queues.get(name)?.lastError ?? null,
      })),
    };
  }

  /** Notifications not yet delivered, per receiver. */
  pending(): Record<string, number> {
    return Object.fromEntries([...this.queues].map(([name, queue]) => [name, queue.pending.length]));
  }

  /** One evaluation of the rules over the state store as it is now. */
  evaluate(): void {
    if (this.stopped || (this.options.config.rules.length === 0 && this.book.list().length === 0)) return;
    const now = this.clock();
    const rules = this.options.config.rules;
    const historyMs = flapHistoryMs(rules);
    const conditions = currentConditions(
      rules,
      {
        findings: this.options.state.findings({ active: true }),
        events: historyMs > 0 ? this.options.state.tunnelEvents({ from: now - historyMs, to: now }) : [],
        now,
      },
      this.groups,
    );
    const outgoing = this.book.evaluate(conditions, now, this.settings);
    for (const { receiver, notification } of outgoing) {
      if (!this.receivers.has(receiver)) continue;
      const queue = this.queueOf(receiver);
      queue.pending.push(notification);
      queue.oldestAt ??= now;
      this.options.log.info(
        { receiver, status: notification.status, labels: notification.labels },
        'alert notification queued',
      );
    }
    this.save();
    if (outgoing.length > 0) this.scheduleDelivery();
  }

  private evaluateSoon(): void {
    if (this.soonTimer || this.stopped) return;
    this.soonTimer = setTimeout(() => {
      this.soonTimer = null;
      this.evaluate();
    }, 1000);
  }

  private queueOf(receiver: string): ReceiverQueue {
    let queue = this.queues.get(receiver);
    if (!queue) {
      queue = { pending: [], attempts: 0, nextAttemptAt: 0, oldestAt: null, lastError: null };
      this.queues.set(receiver, queue);
    }
    return queue;
  }

  private save(): void {
    writeAlertingState(this.options.file, {
      version: 1,
      alerts: this.book.list(),
      queues: Object.fromEntries(this.queues),
    });
  }

  private scheduleDelivery(): void {
    if (this.stopped || this.delivering) return;
    if (this.deliveryTimer) clearTimeout(this.deliveryTimer);
    this.deliveryTimer = null;
    const due = [...this.queues.values()]
      .filter((queue) => queue.pending.length > 0)
      .map((queue) => queue.nextAttemptAt);
    if (due.length === 0) return;
    this.deliveryTimer = setTimeout(
      () => {
        this.deliveryTimer = null;
        this.delivering = this.deliver().finally(() => {
          this.delivering = null;
          this.scheduleDelivery();
        });
      },
      Math.max(0, Math.min(...due) - this.clock()),
    );
  }

  /** Sends each due receiver its oldest notifications (in order); a failure backs that receiver off. */
  private async deliver(): Promise<void> {
    const { retry } = this.options.config;
    await Promise.all(
      [...this.queues].map(async ([name, queue]) => {
        const receiver = this.receivers.get(name);
        if (!receiver || queue.pending.length === 0 || queue.nextAttemptAt > this.clock()) return;
        const batch = queue.pending.slice(0, BATCH);
        try {
          await post(
            deliveryFor(receiver.config.kind, name, receiver.url, batch),
            receiver.config.timeoutSeconds * 1000,
          );
          queue.pending.splice(0, batch.length);
          queue.attempts = 0;
          queue.nextAttemptAt = 0;
          queue.lastError = null;
          queue.oldestAt = queue.pending.length > 0 ? this.clock() : null;
          this.options.log.info({ receiver: name, alerts: batch.length }, 'alert notifications delivered');
        } catch (error) {
          const now = this.clock();
          queue.attempts += 1;
          queue.lastError = (error as Error).message;
          const delaySeconds = Math.min(retry.maxSeconds, retry.initialSeconds * 2 ** (queue.attempts - 1));
          queue.nextAttemptAt = now + delaySeconds * 1000;
          if (queue.oldestAt !== null && now - queue.oldestAt > retry.giveUpHours * 3_600_000) {
            this.options.log.error(
              { receiver: name, dropped: queue.pending.length, error: queue.lastError },
              'alert notifications dropped: the receiver has been failing too long',
            );
            queue.pending = [];
            queue.oldestAt = null;
            queue.attempts = 0;
          } else {
            this.options.log.warn(
              {
                receiver: name,
                attempts: queue.attempts,
                retryInSeconds: delaySeconds,
                error: queue.lastError,
              },
              'alert receiver failed',
            );
          }
        }
      }),
    );
    this.save();
  }

  /** Stops evaluating and waits for a delivery under way; what is undelivered stays in the file. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const stop of this.stops) stop();
    for (const timer of [this.evaluateTimer, this.soonTimer, this.deliveryTimer])
      if (timer) clearTimeout(timer);
    await this.delivering;
    this.save();
  }
}
