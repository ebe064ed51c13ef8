import { z } from 'zod';

/**
 * The organisation's policy, as admins write it (Chrome/Edge managed storage:
 * GPO, configuration profile or /etc/<browser>/policies/managed/*.json).
 * Every key is optional and validated on its own. The manifest's
 * managed_schema (public/managed-schema.json) is generated from this module
 * and a test keeps the two from drifting.
 */
const pattern = z.string().min(1).max(500);
const selector = z.string().min(1).max(1000);

/** Pixel screenshots (issue 15): off unless the admin names the sites; each field's default is said in its description. */
export const screenshotsPolicySchema = z.object({
  sites: z
    .array(pattern)
    .min(1)
    .max(1000)
    .describe('Match patterns of the recorded sites where screenshots are taken; no other site ever gets one.'),
  periodicSeconds: z
    .int()
    .min(2)
    .max(3600)
    .optional()
    .describe('Seconds between periodic shots, taken only when the page changed. Default 10.'),
  perAction: z.boolean().optional().describe('Also shoot just before and just after each action. Default true.'),
  maxWidth: z.int().min(320).max(4096).optional().describe('Widest stored image in pixels; wider captures are scaled down. Default 1280.'),
  quality: z.number().min(0.1).max(1).optional().describe('WebP quality, 0.1 to 1. Default 0.6.'),
  maxMegabytesPerHour: z
    .number()
    .min(1)
    .max(100_000)
    .optional()
    .describe(
      'Most megabytes of screenshots stored per recorded hour, whatever the pace; when short, periodic shots are left out first, then after-action ones, before-action ones last. Default 15.',
    ),
});
export type ScreenshotsPolicy = z.infer<typeof screenshotsPolicySchema>;

export const policyKeySchemas = {
  ingestEndpoint: z
    .url({ protocol: /^https?$/ })
    .describe('Base URL of the ingestion server; batches go to <ingestEndpoint>/v1/batches. Example: https://traces.example.com'),
  ingestToken: z.string().min(1).max(500).describe('Bearer token the extension uploads with.'),
  organizationId: z.string().min(1).max(200).describe('Organisation id carried by every trace.'),
  allowedSites: z
    .array(pattern)
    .max(1000)
    .describe('Match patterns of sites that may be recorded, e.g. https://*.example.com/*. Nothing else is ever recorded.'),
  blockedSites: z.array(pattern).max(1000).describe('Match patterns of sites never recorded; beats everything else.'),
  captureOnByDefault: z.boolean().describe('Whether capture is on for allowed sites until the employee turns it off. Default false.'),
  employeesMayChangeSites: z.boolean().describe('Whether employees may turn capture on or off per site. Default true.'),
  pauseAllowed: z.boolean().describe('Whether employees may pause recording. Default true.'),
  recordingIndicator: z
    .boolean()
    .describe(
      'Show a small mark in every recorded page while it is recorded. Default true. Switch it off only where the law and your agreements allow recording without a visible notice.',
    ),
  maskAllText: z.boolean().describe('Mask all page text, not only typed values. Default false.'),
  maskSelectors: z.array(selector).max(200).describe('CSS selectors of elements whose text is masked.'),
  blockSelectors: z.array(selector).max(200).describe('CSS selectors of elements not recorded at all (replayed as placeholders).'),
  captureValues: z
    .array(z.object({ sites: z.array(pattern).min(1).max(100), selector }))
    .max(100)
    .describe(
      'Fields whose typed values may be recorded: each rule names sites (match patterns) and a CSS selector. Passwords, one-time codes, payment fields and pasted text are never recorded.',
    ),
  keepControlNames: z
    .boolean()
    .describe('With maskAllText: keep the roles and accessible names of buttons, links and other controls. Default false.'),
  uploadIntervalSeconds: z.int().min(30).max(86_400).describe('Upload at least this often, in seconds (30 or more). Default 30.'),
  batchMaxBytes: z.int().min(1024).max(50_000_000).describe('Largest upload request body before compression, in bytes.'),
  batchMaxChunks: z.int().min(1).max(500).describe('Most chunks in one upload request.'),
  localStorageCapMB: z.int().min(1).max(100_000).describe('Most megabytes of recordings kept on the machine before recording pauses.'),
  localRetentionDays: z.int().min(1).max(3650).describe('Recordings not uploaded after this many days are deleted from the machine.'),
  consentVersion: z.int().min(1).max(1_000_000).describe('Raise to ask every employee for consent again before recording resumes.'),
  organizationNotice: z.string().max(4000).describe('A notice from the organisation shown on the consent page.'),
  purposeStatement: z
    .string()
    .max(2000)
    .describe('What recordings are used for, shown on the consent page, e.g. "Not used for performance evaluation."'),
  screenshots: z
    .union([z.literal('off'), screenshotsPolicySchema])
    .describe(
      'Redacted pixel screenshots on some recorded sites: "off" (the default) or { sites, periodicSeconds, perAction, maxWidth, quality, maxMegabytesPerHour }. Typed values, masked and blocked regions, detected personal data, canvases, videos and cross-origin frames are blacked out before a shot is stored. Turning them on raises the consent version.',
    ),
} as const;

export type PolicyKey = keyof typeof policyKeySchemas;
export const POLICY_KEYS = Object.keys(policyKeySchemas) as PolicyKey[];

/** Keys whose invalid value makes the whole policy invalid: ignoring them could send or record what the admin forbade. */
export const CRITICAL_POLICY_KEYS: readonly PolicyKey[] = ['ingestEndpoint', 'ingestToken', 'allowedSites', 'blockedSites'];

export const policySchema = z.object(policyKeySchemas).partial();
export type Policy = z.infer<typeof policySchema>;

/** What the options page shows about the policy in force. */
export const policyIssueSchema = z.object({ key: z.string(), message: z.string() });
export type PolicyIssue = z.infer<typeof policyIssueSchema>;
