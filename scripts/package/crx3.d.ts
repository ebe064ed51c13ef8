declare module 'crx3' {
  import type { Readable } from 'node:stream';
  /** crx3 1.1.x: signs a zip stream (or a list of files) into a CRX3 file. */
  export default function crx3(
    files: Readable | string[],
    options: { keyPath?: string; crxPath?: string; zipPath?: string; xmlPath?: string; crxURL?: string; appVersion?: string },
  ): Promise<{ appId?: string; newKey?: string | null }>;
}
