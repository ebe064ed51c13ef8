import { describe, expect, it } from 'vitest';
import { parseFlags, UsageError } from '../../exporter/cli/flags';

const parse = (...args: string[]) => parseFlags(args, {});
const rejection = (...args: string[]) => {
  try {
    parse(...args);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${args.join(' ')}`);
};

describe('export flags', () => {
  it('has defaults for everything but --out', () => {
    const f = parse('--out', 'ds');
    expect(f).toMatchObject({
      out: 'ds',
      data: './data',
      site: [],
      shard: [1, 1],
      workers: 2,
      'no-render': false,
      formats: ['parquet', 'jsonl', 'views'],
      'split-seed': 'webtrace',
    });
    expect(parseFlags(['--out', 'ds'], { WEBTRACE_DATA: '/srv/data' }).data).toBe('/srv/data');
  });

  it('parses every flag', () => {
    const f = parse(
      '--out',
      'ds',
      '--data',
      'd',
      '--site',
      'https://a.test',
      '--site',
      'http://b.test:8080',
      '--from',
      '2024-01-01',
      '--to',
      '1704153600000',
      '--split-seed',
      's1',
      '--shard',
      '2/3',
      '--workers',
      '4',
      '--no-render',
      '--formats',
      'parquet,views',
      '--top-k',
      '10',
      '--idle-gap-minutes',
      '2.5',
    );
    expect(f).toMatchObject({
      site: ['https://a.test', 'http://b.test:8080'],
      from: Date.parse('2024-01-01'),
      to: 1704153600000,
      shard: [2, 3],
      workers: 4,
      'no-render': true,
      formats: ['parquet', 'views'],
      'top-k': 10,
      'idle-gap-minutes': 2.5,
    });
  });

  it('names the flag it rejects', () => {
    expect(rejection()).toMatch(/^--out /);
    expect(rejection('--out', 'x', '--shard', '3/2')).toMatch(/^--shard /);
    expect(rejection('--out', 'x', '--shard', 'one')).toMatch(/^--shard must be I\/N/);
    expect(rejection('--out', 'x', '--workers', '0')).toMatch(/^--workers /);
    expect(rejection('--out', 'x', '--formats', 'parquet,csv')).toMatch(/^--formats /);
    expect(rejection('--out', 'x', '--site', 'https://a.test/path')).toMatch(/^--site must be an origin/);
    expect(rejection('--out', 'x', '--from', 'yesterday')).toMatch(/^--from "yesterday"/);
    expect(rejection('--out', 'x', '--from', '2024-02-01', '--to', '2024-01-01')).toMatch(/^--to must be later/);
    expect(rejection('--out', 'x', '--test-site-share', '2')).toMatch(/^--test-site-share /);
    expect(rejection('--out', 'x', '--image-format', 'gif')).toMatch(/^--image-format /);
    expect(rejection('--out', 'x', '--colour')).toMatch(/--colour/);
    expect(rejection('--out', 'x', 'stray')).toMatch(/stray/);
  });
});
