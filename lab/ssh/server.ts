// The lab's SSH server: one process serving every router of the lab, each on a port of its own with its own host
// key (ed25519, or ssh-rsa with old algorithms for a legacy router), and all of them on one shared port where the
// username names the router. A legacy router speaks its old algorithms on its own port only: they are negotiated
// before the username is known, so the shared port offers the modern ones to every router.

import { createServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import ssh2, { type Connection, type Server as SshServer } from 'ssh2';
import type { LiveLab } from '../live/types.js';
import type { LabSshService, LabSshSettings, RouterAccess } from '../live/services.js';
import { LEGACY_ALGORITHMS } from './algorithms.js';
import { serveConnection, type ConnectionContext } from './connection.js';
import { HostKeyStore } from './host-keys.js';
import { VtyLines } from './vty-lines.js';

/** The name of the shared port's host key in the key store. */
const SHARED_KEY_NAME = 'lab';

function listen(server: NetServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: NetServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startLabSsh(lab: LiveLab, settings: LabSshSettings): Promise<LabSshService> {
  const keys = new HostKeyStore(settings.hostKeyDir);
  const legacy = new Set(settings.legacyRouters);
  const received = new Map<string, string[]>();
  const sockets = new Set<Socket>();
  const connections = new Set<Connection>();
  const context: ConnectionContext = {
    lab,
    settings,
    vty: new VtyLines(settings.maxSessionsPerRouter),
    record: (hostname, line) => {
      let lines = received.get(hostname);
      if (!lines) received.set(hostname, (lines = []));
      lines.push(line);
    },
  };

  /** The SSH endpoint of one router (or of the shared port), built when its first client arrives. */
  const sshServers = new Map<string, SshServer>();
  function sshServer(hostname: string | undefined): SshServer {
    const name = hostname ?? SHARED_KEY_NAME;
    let server = sshServers.get(name);
    if (server) return server;
    const isLegacy = hostname !== undefined && legacy.has(hostname);
    const hostKey = keys.privateKey(name, isLegacy ? 'rsa' : 'ed25519');
    server = new ssh2.Server(
      { hostKeys: [hostKey], ...(isLegacy ? { algorithms: LEGACY_ALGORITHMS } : {}) },
      (client) => {
        connections.add(client);
        client.on('close', () => connections.delete(client));
        serveConnection(client, context, hostname);
      },
    );
    sshServers.set(name, server);
    return server;
  }

  function tcpServer(hostname: string | undefined): NetServer {
    // Without Nagle off, each short prompt waits for the client's delayed ACK (about 40 ms a command).
    return createServer({ noDelay: true }, (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      sshServer(hostname).injectSocket(socket);
    });
  }

  const listeners: NetServer[] = [];
  const routerPorts = new Map<string, number>();
  let sharedPort: number | null = null;
  try {
    if (settings.routerPorts) {
      const { basePort } = settings.routerPorts;
      const ports = await Promise.all(
        lab.hostnames().map((hostname, index) => {
          const server = tcpServer(hostname);
          listeners.push(server);
          return listen(server, settings.host, basePort === 0 ? 0 : basePort + index);
        }),
      );
      lab.hostnames().forEach((hostname, index) => routerPorts.set(hostname, ports[index]!));
    }
    if (settings.sharedPort !== null) {
      const server = tcpServer(undefined);
      listeners.push(server);
      sharedPort = await listen(server, settings.host, settings.sharedPort);
    }
  } catch (error) {
    await Promise.all(listeners.map(closeServer));
    throw error;
  }

  return {
    access(hostname: string): RouterAccess['ssh'] {
      if (!lab.has(hostname)) throw new Error(`no router ${hostname} in the lab`);
      const port = routerPorts.get(hostname);
      if (port !== undefined) return { host: settings.host, port, username: settings.credentials.username };
      if (sharedPort === null)
        throw new Error('the lab SSH server opens neither router ports nor a shared port');
      return { host: settings.host, port: sharedPort, username: hostname };
    },
    sharedPort: () => sharedPort,
    received: (hostname) => received.get(hostname) ?? [],
    async close() {
      const closing = listeners.map(closeServer);
      for (const client of connections) client.end();
      for (const socket of sockets) socket.destroy();
      await Promise.all(closing);
    },
  };
}
