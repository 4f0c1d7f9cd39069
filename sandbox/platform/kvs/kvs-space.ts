// Where a storage request lands (plain keys, secrets or a declared custom entity) and the checks every
// write passes before it is stored.
import { entityValueProblem, type EntityDef } from './entity-schema';
import { KvsHttpError, checkKey, checkValue } from './kvs-limits';
import { checkIndexValueSizes } from './kvs-key-limits';

type Entities = Map<string, EntityDef>;

/** Resolves the storage space of a request: plain keys, secrets, or a declared custom entity. */
export function spaceOf(entities: Entities, kind: 'kvs' | 'secret', entityName: unknown): { space: string; entity?: EntityDef } {
  if (entityName === undefined || entityName === null) return { space: kind };
  const entity = typeof entityName === 'string' ? entities.get(entityName) : undefined;
  if (!entity) {
    throw new KvsHttpError(400, 'INVALID_ENTITY_TYPE', `Entity "${String(entityName)}" is not declared in the manifest (app.storage.entities).`);
  }
  return { space: `entity:${entity.name}`, entity };
}

/** Validates key and value for a write and returns the JSON to store. */
export function checkedWrite(entity: EntityDef | undefined, key: unknown, value: unknown, maxBytes?: number): string {
  checkKey(key, entity !== undefined);
  const json = checkValue(value, maxBytes);
  if (entity) {
    const problem = entityValueProblem(entity, value);
    if (problem) throw new KvsHttpError(400, 'INVALID_ENTITY_VALUE', `Entity values must match one of the types defined in Custom Entities: ${problem}.`);
    checkIndexValueSizes(entity, value);
  }
  return json;
}

