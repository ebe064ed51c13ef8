import { AuditLog } from '../../../server/audit/audit-log';

/** A second process appending to the same audit log (test/server/audit/cross-process.test.ts). */
const [dir, who, count] = process.argv.slice(2) as [string, string, string];
const log = await AuditLog.open(dir);
// A go signal on stdin, so both processes start appending at the same moment.
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();
for (let i = 0; i < Number(count); i++) await log.append({ action: 'session.export', actor: { role: 'export' }, ids: [`${who}-${i}`] });
process.stdout.write('done\n');
