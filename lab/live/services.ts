// The settings of the lab's wire services and how a client reaches each router through them.

export interface RunningService {
  close(): Promise<void>;
}

export interface LabCredentials {
  /** The login user on per-router ports; on the shared port the username is the router's hostname. */
  username: string;
  password: string;
  enableSecret: string;
}

export interface LabSshSettings {
  host: string;
  /**
   * Each router on a port of its own with its own host key, as real routers are: router i (hub1 first) on
   * basePort + i, or every router on a free port when basePort is 0. The login user is the lab's.
   */
  routerPorts: { basePort: number } | null;
  /**
   * One more port for every router, chosen by the username (`ssh -p PORT hub1@127.0.0.1`), with one lab-wide host
   * key (the key is shown before the username is known); 0 picks a free port, null opens none.
   */
  sharedPort: number | null;
  /** Where the host keys are kept across restarts (created when missing). */
  hostKeyDir: string;
  credentials: LabCredentials;
  /** Routers that speak only old IOS algorithms (diffie-hellman-group14-sha1, ssh-rsa host key). */
  legacyRouters: readonly string[];
  /** `exec-timeout`: an idle session is closed after this many seconds. */
  idleTimeoutSeconds: number;
  /** `line vty 0 4`: sessions a router accepts at once. */
  maxSessionsPerRouter: number;
  /** Delay before output, growing with its size like a busy router's CPU (0 and 0: none). */
  outputDelay: { baseMs: number; perKilobyteMs: number };
  /** Configuration commands are refused unless true. */
  writeAccess: boolean;
}

export interface LabSnmpSettings {
  host: string;
  /** One UDP port for every router, chosen by v2c community `COMMUNITY@hostname` or the v3 context `hostname`. */
  sharedPort: number;
  /** When set, router i (hub1 first) also answers on basePort + i (0: a free port each) with the plain community. */
  routerPorts: { basePort: number } | null;
  community: string;
  v3: { user: string; authProtocol: 'sha'; authKey: string; privProtocol: 'aes'; privKey: string };
}

export interface TrapReceiver {
  host: string;
  port: number;
  version: '2c' | '3';
}

export interface SyslogReceiver {
  host: string;
  port: number;
  transport: 'udp' | 'tcp';
}

export interface LabEmitSettings {
  syslog: readonly SyslogReceiver[];
  traps: readonly TrapReceiver[];
  /** v2c community / v3 user of the traps: the SNMP settings' own. */
  snmp: Pick<LabSnmpSettings, 'community' | 'v3'>;
}

/** How a client reaches one router of the running lab. */
export interface RouterAccess {
  hostname: string;
  role: 'hub' | 'spoke';
  ssh: { host: string; port: number; username: string };
  snmp: { host: string; port: number; community: string; context: string };
}

export interface LabSshService extends RunningService {
  /** The router's own port (or the shared port with its hostname as user when it has none). */
  access(hostname: string): RouterAccess['ssh'];
  /** The shared port, when one is open. */
  sharedPort(): number | null;
  /** Every command line a router received, in order (to prove what a client sent). */
  received(hostname: string): readonly string[];
}

export interface LabSnmpService extends RunningService {
  access(hostname: string): RouterAccess['snmp'];
}
