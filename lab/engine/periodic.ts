// Long periodic histories played short: a circuit that flaps every few minutes for days repeats the same period
// over and over, so the engine plays the first periods and the last few, and counts the ones in between. The
// pair's state at second `at` equals its state `shift` seconds earlier, moved forward by `shift`.

import type { RouterLife } from './underlay.js';

export interface PeriodicShift {
  /** The second actually played (`at - shift`). */
  playAt: number;
  shift: number;
  /** The flap period, and how many whole periods were skipped (shift / period). */
  period: number;
  periods: number;
  /** From this played second on the history repeats: only events after it are moved forward. */
  steadyFrom: number;
}

const NONE = (at: number): PeriodicShift => ({
  playAt: at,
  shift: 0,
  period: 0,
  periods: 0,
  steadyFrom: -Infinity,
});

/**
 * How far back the history of a pair can be moved when one of its routers flaps (and nothing else happens during
 * the flapping): `keep` periods before `at` are played for real, the older steady ones are counted.
 */
export function periodicShift(
  first: RouterLife,
  second: RouterLife | null,
  at: number,
  keep: number,
): PeriodicShift {
  const flaps = [first, second].filter((life): life is RouterLife => life?.flapping() != null);
  if (flaps.length !== 1) return NONE(at);
  const flap = flaps[0]!.flapping()!;
  const period = flap.periodSeconds;
  for (const life of [first, second]) {
    if (!life) continue;
    if (life.firstBoot >= flap.sinceSeconds) return NONE(at);
    if (life.reboot !== null && life.reboot >= flap.sinceSeconds) return NONE(at);
  }
  // Second 0 changes the configuration: the repetition starts with the first whole period after it.
  const base = flap.sinceSeconds + Math.ceil(Math.max(0, -flap.sinceSeconds) / period) * period;
  const steadyFrom = base + 2 * period;
  const periods = Math.floor((at - steadyFrom) / period) - keep;
  if (periods <= 0) return NONE(at);
  const shift = periods * period;
  return { playAt: at - shift, shift, period, periods, steadyFrom };
}
