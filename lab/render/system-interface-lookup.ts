// Finds the interface a command names, as IOS reads the name: any unambiguous abbreviation of the type, the number
// after it with or without a space (`Tunnel0`, `tu0`, `tunnel 0`, `Gi1`).

import type { InterfaceView } from '../model/state.js';

/** The interface types a C8000V's command line knows, so that an abbreviation is ambiguous where IOS finds it so. */
const INTERFACE_TYPES = [
  'BDI',
  'Dialer',
  'GigabitEthernet',
  'LISP',
  'Loopback',
  'NVI',
  'Null',
  'Port-channel',
  'TenGigabitEthernet',
  'Tunnel',
  'Virtual-Access',
  'Virtual-Template',
  'VirtualPortGroup',
];

const NAME = /^([A-Za-z][A-Za-z-]*)\s*(\d[\d/.:]*)$/;

/** The interface `words` name (`['tunnel', '0']` or `['Tu0']`), or undefined when IOS would reject the name. */
export function findInterface(
  interfaces: readonly InterfaceView[],
  words: readonly string[],
): InterfaceView | undefined {
  const match = NAME.exec(words.join(' ').trim());
  if (!match) return undefined;
  const typed = match[1]!.toLowerCase();
  const types = INTERFACE_TYPES.filter((type) => type.toLowerCase().startsWith(typed));
  const type =
    types.find((candidate) => candidate.toLowerCase() === typed) ??
    (types.length === 1 ? types[0] : undefined);
  if (!type) return undefined;
  const name = type + match[2]!;
  return interfaces.find((view) => view.name === name);
}

/** What IOS answers when the command names an interface it does not have. */
export const INVALID_INPUT = "% Invalid input detected at '^' marker.\n";
