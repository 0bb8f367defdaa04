// Writes interface names the way IOS headers do: a command line's `Tu0` or `tunnel 100` becomes `Tunnel0`, `Tunnel100`.

const TUNNEL_ABBREVIATION = /^tu(?:n(?:n(?:e(?:l)?)?)?)?(\d[\d/.:]*)$/i;

/** `Tu0`, `tunnel0` -> `Tunnel0`, the way IOS headers write it; other names stay as given. */
export function fullInterfaceName(name: string): string {
  const tunnel = TUNNEL_ABBREVIATION.exec(name);
  return tunnel ? `Tunnel${tunnel[1]}` : name;
}

/** The interface a command line named (`... Tunnel0`, `... tunnel 100`), or null when it named none. */
export function interfaceFromArgs(args: readonly string[] | undefined): string | null {
  return args && args.length > 0 ? fullInterfaceName(args.join('')) : null;
}
