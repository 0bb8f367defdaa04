// Every rule the engine runs, by layer in bring-up order, then the history rules (flaps, churn).

import { flapRules } from '../flaps.js';
import { ikeRules } from './ike.js';
import { ipsecRules } from './ipsec.js';
import { missingRules } from './missing.js';
import { mtuRules } from './mtu.js';
import { nhrpRules } from './nhrp.js';
import { routingRules } from './routing.js';
import type { Rule } from './rule.js';
import { tunnelRules } from './tunnel.js';
import { underlayRules } from './underlay.js';

export const RULES: readonly Rule[] = [
  ...underlayRules,
  ...tunnelRules,
  ...ikeRules,
  ...ipsecRules,
  ...nhrpRules,
  ...routingRules,
  ...mtuRules,
  ...missingRules,
  ...flapRules,
];
