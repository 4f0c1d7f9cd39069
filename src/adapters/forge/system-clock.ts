// The production Clock and IdSource: the invocation's wall clock and random UUIDs.
import { randomUUID } from 'node:crypto';
import type { Clock, IdSource } from '../../core/ports/clock';

export const systemClock: Clock = { now: () => Date.now() };

export const randomIds: IdSource = { newId: () => randomUUID() };
