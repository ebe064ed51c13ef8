import { z } from 'zod';
import { policySchema } from './policy';

/**
 * The one input file of `npm run package`: who the organisation is, the
 * extension id its signing key gives, where browsers fetch the extension and
 * its updates, and the managed policy every browser gets. Unknown keys are
 * errors (a misspelt policy key would silently do nothing on a thousand
 * machines).
 */
export const extensionIdSchema = z.string().regex(/^[a-p]{32}$/, 'an extension id is 32 letters from a to p');

export const releaseInputSchema = z
  .object({
    extensionId: extensionIdSchema.describe('The id your signing key gives (npm run keygen prints it).'),
    updateUrl: z
      .url({ protocol: /^https?$/ })
      .describe('Where browsers fetch the update manifest, e.g. https://traces.example.com/updates.xml (the ingestion server serves it).'),
    organization: z
      .object({
        name: z.string().trim().min(1).max(200).describe('Shown in the macOS profile and the Group Policy texts.'),
        profileIdentifier: z
          .string()
          .regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/, 'a reverse-DNS name such as com.example.it')
          .describe('Prefix of the macOS profile identifiers, e.g. com.example.it.'),
      })
      .strict(),
    policy: policySchema.strict().refine((p) => p.ingestEndpoint && p.ingestToken && p.allowedSites, {
      message: 'a deployment needs ingestEndpoint, ingestToken and allowedSites',
    }),
  })
  .strict();
export type ReleaseInput = z.infer<typeof releaseInputSchema>;
