// Every rule the engine runs, by layer. A new layer's rules (ike.ts, ipsec.ts, routing.ts, mtu.ts, the history
// rules of ../flaps.ts) export a `readonly Rule[]` and are added here.

import { missingRules } from './missing.js';
import { nhrpRules } from './nhrp.js';
import type { Rule } from './rule.js';
import { tunnelRules } from './tunnel.js';
import { underlayRules } from './underlay.js';

export const RULES: readonly Rule[] = [...underlayRules, ...tunnelRules, ...nhrpRules, ...missingRules];
