// The alerting state on disk: the alerts (so a restart neither repeats a firing nor forgets a resolve) and every
// notification not yet delivered, with each receiver's retry schedule. Written whole to a temporary file, then
// renamed over the old one, so a crash leaves the old state or the new one.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AlertNotification, AlertState } from './alert-book.js';

export interface ReceiverQueue {
  pending: AlertNotification[];
  /** Failed attempts in a row. */
  attempts: number;
  nextAttemptAt: number;
  /** When the oldest pending notification was queued. */
  oldestAt: number | null;
  lastError: string | null;
}

export interface AlertingState {
  version: 1;
  alerts: AlertState[];
  queues: Record<string, ReceiverQueue>;
}

export const emptyState = (): AlertingState => ({ version: 1, alerts: [], queues: {} });

export function readAlertingState(file: string): AlertingState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw error;
  }
  const state = JSON.parse(text) as AlertingState;
  if (state.version !== 1)
    throw new Error(`${file}: unknown alerting state version ${String(state.version)}`);
  return state;
}

export function writeAlertingState(file: string, state: AlertingState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, file);
}
