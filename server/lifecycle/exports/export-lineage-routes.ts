import type { FastifyInstance } from 'fastify';
import { adminExportsQuerySchema, type AdminExportsPage } from '../../../lib/schema/export-lineage';
import { exportListItem } from '../../../lib/rules/lineage/lineage-rules';
import { requireRole } from '../../auth/require-role';
import { recordReadOr503 } from '../../audit/record-read';
import { parseOr400 } from '../../http/parse-request';
import type { LifecycleDeps } from '../lifecycle-deps';

export const ADMIN_EXPORTS_ROUTE = '/v1/admin/exports';

/**
 * GET /v1/admin/exports (admin token): every export the store has a lineage
 * for, oldest first, with how many of its installs were erased since and so
 * whether it needs a rebuild (`npm run export -- --rebuild-of <exportId>`).
 * Counts only, never an install id. The read is recorded in the audit log
 * (the export ids) before it is answered.
 */
export async function exportLineageRoutes(app: FastifyInstance, deps: Pick<LifecycleDeps, 'store' | 'tokens' | 'audit'>): Promise<void> {
  app.get(ADMIN_EXPORTS_ROUTE, { onRequest: requireRole(deps.tokens, 'admin') }, async (request): Promise<AdminExportsPage> => {
    const q = parseOr400(adminExportsQuerySchema, request.query, 'invalid_query');
    const erased = new Set((await deps.store.listTombstones()).map((t) => t.installId));
    const exports = (await deps.store.listExportLineages())
      .filter((r) => (q.from === undefined || r.createdAt >= q.from) && (q.to === undefined || r.createdAt < q.to))
      .map((r) => exportListItem(r, (id) => erased.has(id)))
      .filter((item) => q.needsRebuild === undefined || item.needsRebuild === (q.needsRebuild === 'true'));
    await recordReadOr503(deps.audit, request, {
      action: 'export.list',
      actor: request.caller ?? { role: 'admin' },
      ids: exports.slice(0, 10_000).map((e) => e.exportId),
      counts: { exports: exports.length, needs_rebuild: exports.filter((e) => e.needsRebuild).length },
    });
    return { exports };
  });
}
