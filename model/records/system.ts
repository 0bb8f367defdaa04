// Records of interfaces, routing adjacencies and the device itself (`show interfaces`, `show ip eigrp neighbors`, `show version`, ...).

import type { RecordBase } from '../parse.js';

/** One interface of `show interfaces`, with the tunnel lines when it is a tunnel. */
export interface InterfaceDetail extends RecordBase<'interface'> {
  name: string;
  adminUp: boolean;
  operUp: boolean;
  inBytes: number | null;
  outBytes: number | null;
  inErrors: number | null;
  outErrors: number | null;
  /** Seconds since the last up/down change, when IOS prints it. */
  lastChangeSeconds: number | null;
}
