// One SSH connection to a router: IOS's login (3 password tries, then the connection is closed), a vty line,
// and the session channels a client opens on it (pty + shell, or exec).

import type { AuthContext, Connection, ServerChannel, Session } from 'ssh2';
import type { LiveLab } from '../live/types.js';
import type { LabSshSettings } from '../live/services.js';
import { ExecSession } from './exec-session.js';
import type { VtyLines } from './vty-lines.js';

/** `ip ssh authentication-retries 3`: IOS closes the connection after the third failed password. */
const AUTHENTICATION_TRIES = 3;
const AUTH_METHODS: AuthContext['method'][] = ['password', 'keyboard-interactive'];
/**
 * IOS gives a vty line to a session only when one is free; when all are busy the connection closes. The lab says
 * why in one line before closing, so that a client's log shows the cause.
 */
export const NO_FREE_VTY = '% All vty lines are in use: connection closed\r\n';

export interface ConnectionContext {
  lab: LiveLab;
  settings: LabSshSettings;
  vty: VtyLines;
  record(hostname: string, line: string): void;
}

/** `hostname`: the router of a port of its own; undefined on the shared port, where the username names it. */
export function serveConnection(client: Connection, context: ConnectionContext, hostname?: string): void {
  const { lab, settings } = context;
  let router: string | undefined;
  let hasLine = false;
  let failures = 0;
  const sessions = new Set<ExecSession>();

  client.on('authentication', (auth) => {
    const target = hostname ?? (lab.has(auth.username) ? auth.username : undefined);
    const userKnown =
      hostname === undefined ? target !== undefined : auth.username === settings.credentials.username;
    const check = (password: string): void => {
      if (userKnown && password === settings.credentials.password) {
        router = target;
        auth.accept();
        return;
      }
      failures += 1;
      auth.reject(AUTH_METHODS);
      if (failures >= AUTHENTICATION_TRIES) client.end();
    };
    if (auth.method === 'password') check(auth.password);
    else if (auth.method === 'keyboard-interactive') {
      auth.prompt([{ prompt: 'Password: ', echo: false }], (answers) => check(answers[0] ?? ''));
    } else auth.reject(AUTH_METHODS);
  });

  client.on('ready', () => {
    hasLine = context.vty.take(router!);
  });

  client.on('session', (acceptSession) => {
    serveSession(acceptSession(), {
      open: (stream, echo) => {
        if (!hasLine) {
          stream.write(NO_FREE_VTY);
          closeChannel(stream, 1, client);
          return undefined;
        }
        const session = new ExecSession(
          { lab, hostname: router!, settings, record: (line) => context.record(router!, line) },
          {
            write: (text) => stream.write(text),
            end: () => closeChannel(stream, 0, client),
          },
          echo,
        );
        sessions.add(session);
        stream.on('close', () => {
          session.close();
          sessions.delete(session);
        });
        return session;
      },
    });
  });

  client.on('error', () => {
    // A client that drops the TCP connection mid-session: nothing to report, the close below cleans up.
  });
  client.on('close', () => {
    for (const session of sessions) session.close();
    if (hasLine) context.vty.release(router!);
    hasLine = false;
  });
}

/**
 * IOS ends the whole connection with its vty session. The connection is ended once the client has seen the channel
 * close: a client told to disconnect first may drop the output it has not printed yet.
 */
function closeChannel(stream: ServerChannel, status: number, client: Connection): void {
  stream.once('close', () => client.end());
  stream.exit(status);
  stream.end();
}

interface SessionHandlers {
  /** Opens the exec session of a shell or exec channel; undefined when the router refused it. */
  open(stream: ServerChannel, echo: boolean): ExecSession | undefined;
}

function serveSession(session: Session, handlers: SessionHandlers): void {
  let pty = false;
  session.on('pty', (accept) => {
    pty = true;
    accept?.();
  });
  session.on('window-change', (accept) => accept?.());
  session.on('env', (accept) => accept?.());
  session.on('shell', (accept) => {
    const stream = accept();
    const exec = handlers.open(stream, pty);
    if (!exec) return;
    stream.on('data', (data: Buffer) => exec.receive(data.toString('latin1')));
    exec.start();
  });
  session.on('exec', (accept, _reject, info) => {
    const stream = accept();
    const exec = handlers.open(stream, false);
    if (!exec) return;
    exec.runOne(info.command).then(
      () => {
        stream.exit(0);
        stream.end();
      },
      () => {
        stream.exit(1);
        stream.end();
      },
    );
  });
  session.on('subsystem', (_accept, reject) => reject?.());
}
