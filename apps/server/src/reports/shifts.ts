/** Shift definitions of the centre (Setting 'report.shifts'), read by the response-time review. */
import type { ShiftDefinition } from '@dispatch/contracts';
import { domainError, DomainErrorException } from '@dispatch/domain';
import type { PrismaClient } from '../generated/prisma/client.js';

export const SHIFTS_SETTING_KEY = 'report.shifts';

export const DEFAULT_SHIFTS: readonly ShiftDefinition[] = [
  { id: 'day', name: '白班', start: '08:00', end: '20:00' },
  { id: 'night', name: '夜班', start: '20:00', end: '08:00' },
];

/** Minutes after local midnight of an `HH:MM` string (already pattern-checked). */
export function minuteOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Checks what the schema cannot: unique ids, start differs from end. Shifts may overlap or
 * leave gaps (a centre may run an overlapping handover shift); each filters independently.
 */
export function validateShifts(shifts: readonly ShiftDefinition[]): void {
  const seen = new Set<string>();
  shifts.forEach((shift, index) => {
    if (seen.has(shift.id)) {
      throw new DomainErrorException(
        domainError('VALIDATION_FAILED', `shift id ${shift.id} is used twice`, { field: `body.${index}.id` }),
      );
    }
    seen.add(shift.id);
    if (shift.start === shift.end) {
      throw new DomainErrorException(
        domainError('VALIDATION_FAILED', 'a shift must end at another time than it starts', {
          field: `body.${index}.end`,
        }),
      );
    }
  });
}

export async function loadShifts(prisma: Pick<PrismaClient, 'setting'>): Promise<ShiftDefinition[]> {
  const row = await prisma.setting.findUnique({ where: { key: SHIFTS_SETTING_KEY } });
  const value = row?.value;
  return Array.isArray(value) && value.length > 0
    ? (value as unknown as ShiftDefinition[])
    : DEFAULT_SHIFTS.map((s) => ({ ...s }));
}
