// One UDP port of the lab's agent: decodes each request, picks the router it is for (by community or v3 context)
// and answers from that router's MIB view. Requests with a community or key that is not ours get no answer, as a
// real agent drops them; a v3 request for a context no router has gets an snmpUnknownContexts report.

import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import snmp from 'net-snmp';
import { toNetSnmpVarbind } from '../emit/trap-varbinds.js';
import type { MibView } from './mib-view.js';
import { get, getBulk, getNext, type Answer } from './requests.js';
import {
  SNMP_UNKNOWN_CONTEXTS,
  UNKNOWN_ENGINE_ID,
  decode,
  type Credentials,
  type EngineParameters,
  type IncomingMessage,
  type IncomingPdu,
  type OutgoingMessage,
  type ResponsePdu,
} from './wire.js';

export interface SnmpPortOptions {
  host: string;
  port: number;
  engineId: Buffer;
  credentials: Credentials;
  /** The router a v2c community reaches, or null. */
  routerOfCommunity(community: string): string | null;
  /** The router a v3 context names, or null. */
  routerOfContext(context: string): string | null;
  view(hostname: string): MibView;
}

export interface SnmpPort {
  port: number;
  close(): Promise<void>;
}

const NO_ACCESS = 6;
const NO_SUCH_NAME = 2;

export async function openSnmpPort(options: SnmpPortOptions): Promise<SnmpPort> {
  const socket = createSocket('udp4');
  const startedMs = Date.now();
  let unknownContexts = 0;
  const engine = (): EngineParameters => ({
    engineID: options.engineId,
    engineBoots: 1,
    engineTime: Math.floor((Date.now() - startedMs) / 1000),
  });
  const send = (message: OutgoingMessage, to: RemoteInfo): void => {
    const buffer = message.toBuffer();
    socket.send(buffer, 0, buffer.length, to.port, to.address);
  };

  const onRequest = (buffer: Buffer, from: RemoteInfo): void => {
    const incoming = decode(buffer, options.credentials);
    if (!incoming) return;
    if ('report' in incoming) {
      send(incoming.original.createReportResponseMessage(engine(), '', incoming.errorType), from);
      return;
    }
    const message = incoming;
    const v3 = message.version === snmp.Version3;
    if (v3 && isDiscovery(message)) {
      send(message.createReportResponseMessage(engine(), '', UNKNOWN_ENGINE_ID), from);
      return;
    }
    const context = message.pdu.contextName ?? '';
    const hostname = v3
      ? options.routerOfContext(context)
      : options.routerOfCommunity(message.community ?? '');
    if (hostname === null) {
      if (!v3) return;
      unknownContexts += 1;
      const report = message.createReportResponseMessage(engine(), context);
      report.pdu.varbinds.push({
        oid: SNMP_UNKNOWN_CONTEXTS,
        type: snmp.ObjectType.Counter32,
        value: unknownContexts,
      });
      send(report, from);
      return;
    }
    send(message.createResponseForRequest(respond(message, options.view(hostname))), from);
  };

  socket.on('message', (buffer, from) => {
    try {
      onRequest(buffer, from);
    } catch {
      // A request the lab cannot answer is dropped, never the port.
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  socket.on('error', () => undefined);
  return {
    port: socket.address().port,
    close: () => closeSocket(socket),
  };
}

function isDiscovery(message: IncomingMessage): boolean {
  return (
    message.pdu.type === snmp.PduType.GetRequest &&
    !message.hasAuthoritativeEngineID() &&
    message.isReportable()
  );
}

function respond(message: IncomingMessage, view: MibView): ResponsePdu {
  const { pdu } = message;
  const response = pdu.getResponsePduForRequest();
  const oids = pdu.varbinds.map((varbind) => varbind.oid);
  let answers: Answer[];
  switch (pdu.type) {
    case snmp.PduType.GetRequest:
      answers = get(view, oids);
      break;
    case snmp.PduType.GetNextRequest:
      answers = getNext(view, oids);
      break;
    case snmp.PduType.GetBulkRequest:
      answers = getBulk(view, oids, pdu.nonRepeaters ?? 0, pdu.maxRepetitions ?? 0);
      break;
    default:
      // The lab's communities and user are read-only.
      return failed(response, pdu, NO_ACCESS, 0);
  }
  response.varbinds = answers.map(toWire);
  // SNMPv1 has no exception values: the first missing object fails the request (RFC 2576 4.1.2.3).
  const missing = message.version === snmp.Version1 ? answers.findIndex(isException) : -1;
  return missing >= 0 ? failed(response, pdu, NO_SUCH_NAME, missing) : response;
}

/** An error response: the request's names with Null values, the error on the varbind at `at`. */
function failed(response: ResponsePdu, request: IncomingPdu, status: number, at: number): ResponsePdu {
  response.varbinds = request.varbinds.map((varbind) => ({
    oid: varbind.oid,
    type: snmp.ObjectType.Null,
    value: null,
  }));
  response.errorStatus = status;
  response.errorIndex = at + 1;
  return response;
}

function isException(answer: Answer): boolean {
  return answer.type === 'noSuchObject' || answer.type === 'noSuchInstance' || answer.type === 'endOfMibView';
}

function toWire(answer: Answer): snmp.Varbind {
  switch (answer.type) {
    case 'noSuchObject':
      return { oid: answer.oid, type: snmp.ObjectType.NoSuchObject, value: null };
    case 'noSuchInstance':
      return { oid: answer.oid, type: snmp.ObjectType.NoSuchInstance, value: null };
    case 'endOfMibView':
      return { oid: answer.oid, type: snmp.ObjectType.EndOfMibView, value: null };
    default:
      return toNetSnmpVarbind(answer);
  }
}

function closeSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      resolve();
    }
  });
}
