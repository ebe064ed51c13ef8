import { z } from 'zod';
import type { PiiKind } from '../../lib/privacy/tag';

/** The PII kinds lib/privacy/detect finds (the type check below keeps the two lists equal). */
export const piiKindSchema = z.enum(['email', 'phone', 'card', 'ssn', 'iban', 'ip', 'secret']);
type SameKinds = [z.infer<typeof piiKindSchema>] extends [PiiKind]
  ? [PiiKind] extends [z.infer<typeof piiKindSchema>]
    ? true
    : never
  : never;
const _sameKinds: SameKinds = true;
void _sameKinds;

const text = z.string().min(1).max(2000);

/**
 * What the Art. 30 record of processing is built from: the settings in force
 * (retention, masking, consent version) and who the controller is. The
 * integrator builds it from the server's settings; DEFAULT_PROCESSING_FACTS
 * says what the product itself does.
 */
export const processingFactsSchema = z.object({
  controller: z.object({ name: text, contact: text, dpo: text.optional() }).nullable(),
  purposes: z.array(text).min(1),
  /** Uses the programme promises it is not for ("not performance review"). */
  notFor: z.array(text),
  dataSubjects: z.array(text).min(1),
  dataCategories: z.array(z.object({ name: text, detail: text })).min(1),
  /** What is never collected at all. */
  neverCollected: z.array(text),
  retention: z.object({
    /** Sessions are deleted this many days after they start; null: kept until erased. */
    days: z.int().positive().nullable(),
    /** Per-site overrides (site origin → days). */
    perSite: z.record(z.string().min(1), z.int().positive()),
    /** Days the extension keeps what it could not upload yet. */
    onDeviceDays: z.int().positive().nullable(),
  }),
  recipients: z.array(z.object({ who: text, access: text })),
  /** Transfers to third countries or international organisations (Art. 30(1)(e)); none by default. */
  transfers: z.array(text),
  safeguards: z.object({
    masking: z.object({
      /** The policy's captureValues: fields on these sites whose values may be kept (never passwords, codes or cards). */
      captureValues: z.array(z.object({ sites: z.array(text).min(1), selector: text })),
      maskAllText: z.boolean(),
      /** The policy's blockSelectors and maskSelectors. */
      blockSelectors: z.array(text),
      maskSelectors: z.array(text),
    }),
    scrubbing: z.object({
      detectors: z.array(piiKindSchema).min(1),
      /** The server runs the scrubbers again before it writes. */
      onServer: z.boolean(),
    }),
    consent: z.object({
      required: z.boolean(),
      /** The policy's consentVersion in force; null when none is set. */
      version: z.int().positive().nullable(),
      receiptsKept: z.boolean(),
    }),
    access: z.object({
      /** Token roles the server knows (ingest, read, export, admin). */
      roles: z.array(z.string().min(1).max(40)).min(1),
      auditLog: z.boolean(),
    }),
  }),
});
export type ProcessingFacts = z.infer<typeof processingFactsSchema>;

/** What webtrace does with no settings changed (README: Privacy, Admin policy). */
export const DEFAULT_PROCESSING_FACTS: ProcessingFacts = {
  controller: null,
  purposes: ['Training and evaluating AI agents that operate web applications, from demonstrations of how people use them'],
  notFor: ['Evaluating, monitoring or reviewing the performance or behaviour of individual employees'],
  dataSubjects: ['Employees and contractors who installed the extension and consented to recording'],
  dataCategories: [
    {
      name: 'Page structure and visible text',
      detail: 'the DOM of pages on allowed sites (rrweb recording), with PII replaced by type tags',
    },
    { name: 'Interactions', detail: 'clicks, choices, typing (length only), keys, navigation and scrolling, with their targets' },
    { name: 'Pointer paths', detail: 'mouse and touch positions sampled at most every 100 ms, with their times' },
    { name: 'Addresses', detail: 'URLs with scheme, host and route; query values and fragments withheld' },
    { name: 'Pseudonymous identifiers', detail: 'a random install id and the organisation id from the policy' },
  ],
  neverCollected: [
    'Typed values (every field, including autofill and pasted text)',
    'Passwords, one-time codes and payment card fields',
    'Content of blocked regions',
    'Keystroke timing (typing bursts are released with one time)',
  ],
  retention: { days: null, perSite: {}, onDeviceDays: null },
  recipients: [
    { who: 'Researchers holding a read token', access: 'read API and viewer' },
    { who: 'Dataset exporters with access to the data directory', access: 'pseudonymised training datasets' },
  ],
  transfers: [],
  safeguards: {
    masking: { captureValues: [], maskAllText: false, blockSelectors: [], maskSelectors: [] },
    scrubbing: { detectors: ['email', 'phone', 'card', 'ssn', 'iban', 'ip', 'secret'], onServer: true },
    consent: { required: true, version: null, receiptsKept: false },
    access: { roles: ['ingest', 'read'], auditLog: true },
  },
};
