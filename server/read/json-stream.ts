import { Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';

/**
 * A JSON array written part by part as the client takes it (`prefix` and
 * `suffix` wrap it, e.g. `{"actions":` … `}`), so memory holds one part (a
 * chunk's items), never the whole answer. The first part is read before the
 * answer starts, so a failure there is still a proper error response; a later
 * one can only cut the connection (logged), as any streamed answer must.
 */
export async function jsonArrayStream(
  parts: AsyncIterable<readonly unknown[]>,
  log: FastifyBaseLogger,
  wrap: { prefix: string; suffix: string } = { prefix: '', suffix: '' },
): Promise<Readable> {
  const iterator = parts[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* text(): AsyncGenerator<string> {
    yield `${wrap.prefix}[`;
    let any = false;
    const items = (part: readonly unknown[]) => {
      if (part.length === 0) return '';
      const json = JSON.stringify(part).slice(1, -1);
      const out = any ? `,${json}` : json;
      any = true;
      return out;
    };
    if (!first.done) {
      const head = items(first.value);
      if (head) yield head;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const more = items(next.value);
        if (more) yield more;
      }
    }
    yield `]${wrap.suffix}`;
  }
  const stream = Readable.from(text(), { objectMode: false });
  stream.on('error', (err) => log.error({ err }, 'streamed answer cut short'));
  return stream;
}
