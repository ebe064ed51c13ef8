import type { z } from 'zod';
import type { ExtensionRequest } from '../schema/extension-messages';

/** Sends a request to the worker and parses the answer; a malformed answer is an error with the reason. */
export async function askWorker<T extends z.ZodType>(
  send: (msg: unknown) => Promise<unknown>,
  request: ExtensionRequest,
  answer: T,
): Promise<z.output<T>> {
  const parsed = answer.safeParse(await send(request));
  if (!parsed.success) throw new Error(`unexpected answer to ${request.kind}: ${parsed.error.message}`);
  return parsed.data;
}
