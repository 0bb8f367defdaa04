// Which end of a disagreeing spoke-hub pair carries the odd setting: the one the other devices of the cloud do not
// share. A hub at odds with every spoke is one cause for all of them, not one finding per spoke.

import type { DeviceView } from '../view.js';

export type Side = 'spoke' | 'hub';

/**
 * `agree(a, b)` says whether two devices' settings can work together (null when one of them cannot be read).
 * Null when no third device settles it (only the two ends were captured, or the others are split).
 */
export function oddSide(
  spoke: DeviceView,
  hub: DeviceView,
  devices: readonly DeviceView[],
  agree: (a: DeviceView, b: DeviceView) => boolean | null,
): Side | null {
  const others = devices.filter((device) => device !== spoke && device !== hub);
  const withSpoke = others.filter((device) => agree(device, spoke) === true).length;
  const withHub = others.filter((device) => agree(device, hub) === true).length;
  if (withHub > withSpoke) return 'spoke';
  if (withSpoke > withHub) return 'hub';
  return null;
}

/** What settles which end is odd when only the two ends were captured. */
export const ODD_END_TO_CONFIRM =
  'show running-config | section crypto on a third router of the cloud: the end that differs from it is the one to fix';
