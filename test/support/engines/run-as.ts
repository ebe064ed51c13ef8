import { readFileSync } from 'node:fs';

export interface RunAs {
  name: string;
  uid: number;
  gid: number;
}

/**
 * Whom to run a daemon as that refuses root (PostgreSQL's initdb and postgres do): nobody to
 * change when we are not root; as root the `postgres` user Debian's package creates, else `nobody`.
 */
export function unprivilegedUser(): RunAs | null {
  if (process.getuid?.() !== 0) return null;
  const users = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .filter((f) => f.length >= 4)
    .map((f) => ({ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]) }));
  const user = users.find((u) => u.name === 'postgres') ?? users.find((u) => u.name === 'nobody');
  if (!user) throw new Error('running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as');
  return user;
}
