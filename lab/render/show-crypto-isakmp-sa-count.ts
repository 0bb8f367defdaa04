// Renders `show crypto isakmp sa count`: the router's IKEv1 SAs by condition (IKEv2 SAs are not ISAKMP SAs).

import type { IkeSaView, RouterState } from '../model/state.js';

type Condition = 'active' | 'negotiating' | 'dead';

/** Deleted SAs wait to be reaped (dead); an SA short of QM_IDLE is still negotiating. */
function conditionOf(sa: IkeSaView): Condition {
  if (sa.status.includes('deleted')) return 'dead';
  return sa.state === 'QM_IDLE' ? 'active' : 'negotiating';
}

export function renderShowCryptoIsakmpSaCount(state: RouterState): string {
  const counts: Record<Condition, number> = { active: 0, negotiating: 0, dead: 0 };
  for (const sa of state.ikeSas) if (sa.version === 'v1') counts[conditionOf(sa)]++;
  return [
    `Active ISAKMP SA's: ${counts.active}`,
    '',
    "Standby ISAKMP SA's: 0",
    '',
    `Currently being negotiated ISAKMP SA's: ${counts.negotiating}`,
    '',
    `Dead ISAKMP SA's: ${counts.dead}`,
    '',
  ].join('\n');
}
