import type { Config } from '../../schema/config';
import type { ShotMeta, ShotTrigger } from '../../schema/screenshot';
import type { ShotRegionsReport } from '../../schema/shot-regions';
import type { RedactedImage } from './redact-image';

export interface ShotIdentity {
  installId: string;
  extensionVersion: string;
  consentVersion?: string;
}

/** The metadata a stored shot carries to the server (lib/schema/screenshot.ts). */
export function buildShotMeta(input: {
  id: ShotIdentity;
  config: Pick<Config, 'orgId'>;
  session: { sessionId: string; page: number };
  url: string;
  trigger: ShotTrigger;
  requestedAt: number;
  takenAt: number;
  report: ShotRegionsReport;
  image: RedactedImage;
  regions: number;
}): ShotMeta {
  const { id, report, image } = input;
  return {
    sessionId: input.session.sessionId,
    page: input.session.page,
    takenAt: input.takenAt,
    installId: id.installId,
    orgId: input.config.orgId,
    extensionVersion: id.extensionVersion,
    ...(id.consentVersion ? { consentVersion: id.consentVersion } : {}),
    site: new URL(input.url).origin,
    url: input.url.slice(0, 8192),
    trigger: input.trigger,
    requestedAt: Math.floor(input.requestedAt),
    viewport: report.viewport,
    scroll: { x: Math.max(0, report.scroll.x), y: Math.max(0, report.scroll.y) },
    image: { width: image.width, height: image.height, mime: 'image/webp', bytes: image.blob.size },
    scale: image.scale,
    redactedRegions: input.regions,
  };
}
