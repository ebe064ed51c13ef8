import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { bucketNameSchema } from './bucket-name';
import { cephConfig } from './ceph-config';
import { startDaemonGroup } from './daemon-group';
import { engineBin } from './ensure-engine';
import type { RunningEngine, S3Settings } from './engine-settings';
import { freePort } from './free-port';
import { runTool } from './run-tool';
import { s3Client } from './s3-client';
import { waitUntil } from './wait-until';

export interface CephCluster extends RunningEngine {
  s3: S3Settings;
}

export interface StartCephOptions {
  /** Directory with ceph-mon, ceph-osd, radosgw and tools; default: what scripts/ensure-ceph.sh finds or installs. */
  bin?: string;
  /** Seconds a lifecycle "day" lasts, for retention tests (`rgw lc debug interval`); default: real days. */
  lcDaySeconds?: number;
  /** A bucket to create for the S3 user (then also in `s3.bucket`). */
  bucket?: string;
  /** RAM the OSD may hold (memstore keeps every object in memory); default 1 GiB. */
  memstoreBytes?: number;
  timeoutMs?: number;
}

/**
 * A throwaway single-node Ceph cluster on loopback with its S3 gateway: one mon, one OSD on
 * memstore, cephx keys, RGW (beast) on a free port, an S3 user with fresh keys. Everything lives in
 * a fresh temp dir. Ready when the gateway answers HTTP: ~2-8 s on 2 busy cores.
 */
export async function startCeph(opts: StartCephOptions = {}): Promise<CephCluster> {
  const bucket = opts.bucket === undefined ? undefined : bucketNameSchema.parse(opts.bucket);
  const bin = opts.bin ?? (await engineBin('ceph'));
  const tool = (name: string) => path.join(bin, name);
  return startDaemonGroup('webtrace-ceph-', async (group) => {
    const { dir } = group;
    for (const sub of ['run', 'log', 'mon/a', 'osd/0']) await mkdir(path.join(dir, sub), { recursive: true });
    const monPort = await freePort();
    let rgwPort = await freePort();
    while (rgwPort === monPort) rgwPort = await freePort();
    const fsid = randomUUID();
    const conf = path.join(dir, 'ceph.conf');
    await writeFile(
      conf,
      cephConfig({ fsid, dir, monPort, rgwPort, lcDaySeconds: opts.lcDaySeconds ?? null, memstoreBytes: opts.memstoreBytes ?? 1 << 30 }),
    );
    const c = ['-c', conf];

    // Every key goes into the keyring the mon is created from, so no `ceph auth` round trips later.
    const keyring = path.join(dir, 'keyring');
    await runTool(tool('ceph-authtool'), ['--create-keyring', keyring, '--gen-key', '-n', 'mon.', '--cap', 'mon', 'allow *']);
    const keys: [string, string[]][] = [
      ['client.admin', ['mon', 'allow *', 'osd', 'allow *', 'mgr', 'allow *']],
      ['osd.0', ['mon', 'allow profile osd', 'osd', 'allow *', 'mgr', 'allow profile osd']],
      ['client.rgw', ['mon', 'allow rw', 'osd', 'allow rwx']],
    ];
    for (const [name, caps] of keys) {
      const capArgs = caps.flatMap((v, i) => (i % 2 === 0 ? ['--cap', v] : [v]));
      await runTool(tool('ceph-authtool'), [keyring, '--gen-key', '-n', name, ...capArgs]);
    }
    const monmap = path.join(dir, 'monmap');
    await runTool(tool('monmaptool'), ['--create', '--addv', 'a', `[v2:127.0.0.1:${monPort}]`, '--fsid', fsid, monmap]);
    await runTool(tool('ceph-mon'), [...c, '--mkfs', '-i', 'a', '--monmap', monmap, '--keyring', keyring]);

    const osdUuid = randomUUID();
    group.spawn('ceph-mon', tool('ceph-mon'), ['-f', ...c, '-i', 'a']);
    await runTool(tool('ceph-osd'), [...c, '--mkfs', '-i', '0', '--osd-uuid', osdUuid]);
    // The CLI waits for the mon to form its quorum (up to the connect timeout).
    await runTool(tool('ceph'), [...c, '-n', 'client.admin', '--connect-timeout', '60', 'osd', 'new', osdUuid, '0'], { timeoutMs: 90_000 });
    group.spawn('ceph-osd', tool('ceph-osd'), ['-f', ...c, '-i', '0']);
    // The gateway creates its pools once the OSD is up; it answers HTTP only after that.
    group.spawn('radosgw', tool('radosgw'), ['-f', ...c, '-n', 'client.rgw']);
    const endpoint = `http://127.0.0.1:${rgwPort}`;
    await waitUntil('Ceph RGW', () => answers(endpoint), { timeoutMs: opts.timeoutMs ?? 120_000, intervalMs: 200, failed: group.failure });

    const s3: S3Settings = {
      endpoint,
      region: 'us-east-1',
      accessKeyId: `WT${randomBytes(9).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64url'),
    };
    await runTool(tool('radosgw-admin'), [
      ...c,
      '-n',
      'client.admin',
      'user',
      'create',
      '--uid=webtrace',
      '--display-name=webtrace',
      `--access-key=${s3.accessKeyId}`,
      `--secret-key=${s3.secretAccessKey}`,
    ]);
    if (bucket) {
      const client = s3Client(s3);
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      client.destroy();
      s3.bucket = bucket;
    }
    return { s3, dir, pids: group.pids, stop: group.stop };
  });
}

/** Anonymous GET / is a ListAllMyBuckets the gateway answers 200 once it serves requests. */
async function answers(endpoint: string): Promise<boolean> {
  const res = await fetch(`${endpoint}/`, { signal: AbortSignal.timeout(2_000) });
  await res.body?.cancel();
  return res.status === 200;
}
