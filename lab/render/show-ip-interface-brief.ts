// Renders `show ip interface brief [<interface>]` as IOS-XE prints it: one row per interface, address or
// `unassigned`, and its two states in fixed columns.

import type { InterfaceView, RouterState } from '../model/state.js';
import { INVALID_INPUT, findInterface } from './system-interface-lookup.js';
import { interfaceStatus } from './system-interface-status.js';

export const BRIEF_HEADING =
  'Interface              IP-Address      OK? Method Status                Protocol';

/**
 * `GigabitEthernet1       192.0.2.1       YES NVRAM  up                    up      `: a lab router's addresses all
 * come from its startup configuration (`NVRAM`); IOS pads the protocol column too.
 */
function briefRow(view: InterfaceView): string {
  const { status, protocol } = interfaceStatus(view);
  return (
    `${view.name.padEnd(22)} ${(view.address ?? 'unassigned').padEnd(15)} YES NVRAM  ` +
    `${status.padEnd(21)} ${protocol.padEnd(8)}`
  );
}

export function renderShowIpInterfaceBrief(
  state: RouterState,
  interfaceWords: readonly string[] = [],
): string {
  let views: readonly InterfaceView[] = state.interfaces;
  if (interfaceWords.length > 0) {
    const view = findInterface(state.interfaces, interfaceWords);
    if (!view) return INVALID_INPUT;
    views = [view];
  }
  const lines = [BRIEF_HEADING];
  for (const view of views) lines.push(briefRow(view));
  return `${lines.join('\n')}\n`;
}
