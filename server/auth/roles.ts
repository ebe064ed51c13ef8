import { z } from 'zod';

/**
 * Who may do what (issue 16). A token belongs to exactly one role:
 *   ingest  uploads batches and consent receipts (the extension)
 *   read    the read API and the viewer's data
 *   export  the dataset exporter's endpoints
 *   admin   consent receipts, erasure, the audit log
 */
export const roleSchema = z.enum(['ingest', 'read', 'export', 'admin']);
export type Role = z.infer<typeof roleSchema>;
export const ROLES = roleSchema.options;

export type RoleTokens = Record<Role, readonly string[]>;

export function withArticle(role: Role): string {
  return role === 'ingest' || role === 'admin' || role === 'export' ? `an ${role}` : `a ${role}`;
}

/** Tokens configured for more than one role, each with the roles it is in (start-up refuses them). */
export function sharedTokens(tokens: RoleTokens): { roles: Role[] }[] {
  const rolesOf = new Map<string, Role[]>();
  for (const role of ROLES) for (const t of new Set(tokens[role])) rolesOf.set(t, [...(rolesOf.get(t) ?? []), role]);
  return [...rolesOf.values()].filter((roles) => roles.length > 1).map((roles) => ({ roles }));
}
