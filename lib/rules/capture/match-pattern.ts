/**
 * Chrome match patterns (`scheme://host/path`) tested against a URL, the same
 * way the browser applies them to content scripts: a host without a port
 * matches every port, `*.` matches the domain and its subdomains.
 */
export function matchesPattern(url: string, pattern: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (pattern === '<all_urls>') return ['http:', 'https:'].includes(target.protocol);
  const m = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*:]+)(?::(\d+|\*))?(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host, port, path] = m as unknown as [string, string, string, string | undefined, string];
  const protocol = target.protocol.slice(0, -1);
  if (scheme === '*' ? !['http', 'https'].includes(protocol) : scheme !== protocol) return false;
  if (!hostMatches(target.hostname, host)) return false;
  if (port !== undefined && port !== '*' && port !== (target.port || defaultPort(protocol))) return false;
  return globToRegExp(path).test(target.pathname + target.search);
}

export function matchesAny(url: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => matchesPattern(url, p));
}

function hostMatches(hostname: string, host: string): boolean {
  if (host === '*') return true;
  if (host.startsWith('*.')) {
    const base = host.slice(2).toLowerCase();
    return hostname === base || hostname.endsWith(`.${base}`);
  }
  return hostname === host.toLowerCase();
}

function defaultPort(protocol: string): string {
  return protocol === 'https' ? '443' : '80';
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}
