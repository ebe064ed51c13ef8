export interface CephConfigParams {
  fsid: string;
  dir: string;
  monPort: number;
  rgwPort: number;
  /** Seconds a lifecycle "day" lasts (`rgw lc debug interval`); null for real days. */
  lcDaySeconds: number | null;
  memstoreBytes: number;
}

/**
 * ceph.conf for a single-node loopback cluster: one mon, one memstore OSD, pools of size 1, cephx
 * (the gateway hangs with auth off), every path inside `dir`, and an RGW beast frontend.
 */
export function cephConfig(p: CephConfigParams): string {
  const lines = [
    '[global]',
    `fsid = ${p.fsid}`,
    `mon host = v2:127.0.0.1:${p.monPort}`,
    'public addr = 127.0.0.1',
    'ms bind ipv6 = false',
    'auth cluster required = cephx',
    'auth service required = cephx',
    'auth client required = cephx',
    'auth allow insecure global id reclaim = false',
    `keyring = ${p.dir}/keyring`,
    `run dir = ${p.dir}/run`,
    `admin socket = ${p.dir}/run/$name.asok`,
    `pid file = ${p.dir}/run/$name.pid`,
    `log file = ${p.dir}/log/$name.log`,
    `mon data = ${p.dir}/mon/$id`,
    `osd data = ${p.dir}/osd/$id`,
    // One OSD: replicas of one, placement by OSD not host, few placement groups (less start work).
    'osd pool default size = 1',
    'osd pool default min size = 1',
    'osd pool default pg num = 8',
    'osd pool default pgp num = 8',
    'osd crush chooseleaf type = 0',
    'mon allow pool size one = true',
    'mon warn on pool no redundancy = false',
    'mon allow pool delete = true',
    // Propose map changes at once, not batched over 1 s: the gateway's first start creates ~7 pools,
    // one map change each; with the default the cluster starts in 13-14 s, with this in 2-8 s.
    'paxos propose interval = 0.05',
    // A nearly full laptop disk must not stop the mon (its store is small and thrown away).
    'mon data avail warn = 2',
    'mon data avail crit = 1',
    'osd objectstore = memstore',
    `memstore device bytes = ${p.memstoreBytes}`,
    '',
    '[client.rgw]',
    `rgw frontends = beast endpoint=127.0.0.1:${p.rgwPort}`,
    ...(p.lcDaySeconds === null ? [] : [`rgw lc debug interval = ${p.lcDaySeconds}`]),
    '',
  ];
  return lines.join('\n');
}
