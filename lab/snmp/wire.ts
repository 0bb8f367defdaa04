// net-snmp's message layer, used without its Agent. The Agent answers one MIB and forwards any request with a v3
// context to a proxy; a lab port answers many routers, chosen by community or context. So the port decodes each
// datagram with net-snmp's own Listener.processIncoming (BER, community check, USM authentication and privacy),
// answers from the chosen router's MIB view and encodes the response with the request message's own methods.
// These are net-snmp internals (3.x): Listener is reached through an Agent bound to no socket.

import snmp from 'net-snmp';

/** The request as net-snmp decoded (and, for v3, authenticated and decrypted) it. */
export interface IncomingMessage {
  version: number;
  community?: string;
  pdu: IncomingPdu;
  hasAuthoritativeEngineID(): boolean;
  isReportable(): boolean;
  createReportResponseMessage(engine: EngineParameters, context: string, errorType?: string): OutgoingMessage;
  createResponseForRequest(pdu: ResponsePdu): OutgoingMessage;
}

export interface IncomingPdu {
  type: number;
  contextName?: string;
  varbinds: { oid: string }[];
  nonRepeaters?: number;
  maxRepetitions?: number;
  getResponsePduForRequest(): ResponsePdu;
}

export interface ResponsePdu {
  varbinds: snmp.Varbind[];
  errorStatus?: number;
  errorIndex?: number;
}

export interface OutgoingMessage {
  pdu: { varbinds: snmp.Varbind[] };
  toBuffer(): Buffer;
}

export interface EngineParameters {
  engineID: Buffer;
  engineBoots: number;
  engineTime: number;
}

/** What processIncoming checks a message against: the communities and v3 users the port accepts. */
export interface Credentials {
  communities: string[];
  users: snmp.User[];
  disableAuthorization: false;
}

/** A decoded message, or a report net-snmp asks to send back (unknown user, missing authentication). */
export type Incoming = IncomingMessage | { report: true; original: IncomingMessage; errorType: string };

type ProcessIncoming = (
  buffer: Buffer,
  credentials: Credentials,
  onError: (error: Error) => void,
) => Incoming | undefined;

let processIncoming: ProcessIncoming | undefined;

/** Decodes one datagram; undefined when it is dropped (bad community, failed authentication, garbage). */
export function decode(buffer: Buffer, credentials: Credentials): Incoming | undefined {
  processIncoming ??= listenerClass().processIncoming;
  try {
    return processIncoming(buffer, credentials, () => undefined);
  } catch {
    return undefined;
  }
}

function listenerClass(): { processIncoming: ProcessIncoming } {
  const unbound = snmp.createAgent({ sockets: [] }, () => undefined) as {
    listener: { constructor: unknown };
  };
  return unbound.listener.constructor as { processIncoming: ProcessIncoming };
}

/** USM report types (net-snmp's UsmErrorType). */
export const UNKNOWN_ENGINE_ID = '4';
/** SNMP-MPD-MIB snmpUnknownContexts.0: the report a request for a context we do not serve gets. */
export const SNMP_UNKNOWN_CONTEXTS = '1.3.6.1.6.3.12.1.5.0';
