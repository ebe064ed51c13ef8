import { employeeStateSchema, INITIAL_EMPLOYEE_STATE, type EmployeeState } from '../schema/employee-state';
import { EMPLOYEE_STATE_KEY } from '../schema/storage-keys';
import type { StorageAreaLike } from './storage-area';

export type LoadedState = { state: EmployeeState; error: null } | { state: null; error: string };

/** Reads the person's choices. Unreadable or invalid state is an error, never a default that records. */
export async function loadState(area: StorageAreaLike): Promise<LoadedState> {
  let raw: unknown;
  try {
    raw = (await area.get(EMPLOYEE_STATE_KEY))[EMPLOYEE_STATE_KEY];
  } catch (err) {
    return { state: null, error: `your settings could not be read (${String(err)})` };
  }
  if (raw === undefined) return { state: INITIAL_EMPLOYEE_STATE, error: null };
  const parsed = employeeStateSchema.safeParse(raw);
  if (!parsed.success) return { state: null, error: 'your settings are damaged; choose again to repair them' };
  return { state: parsed.data, error: null };
}

export async function saveState(area: StorageAreaLike, state: EmployeeState): Promise<void> {
  await area.set({ [EMPLOYEE_STATE_KEY]: employeeStateSchema.parse(state) });
}
