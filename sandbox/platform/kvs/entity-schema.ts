// Custom entities as declared in manifest `app.storage.entities`: attribute types and indexes.

export type AttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';
export interface IndexDef { name: string; range: string; partition: string[] }
export interface EntityDef { name: string; attributes: Map<string, AttributeType>; indexes: Map<string, IndexDef> }

const TYPES: readonly AttributeType[] = ['string', 'integer', 'float', 'boolean', 'any'];
// Forge's documented entity name rule (3..60 chars, lower-case, no leading dot/dash, no "..").
const ENTITY_NAME = /^(?![.-])(?!.*\.{2})[a-z0-9:\-.]*(?<![.])$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseIndex(entity: string, attributes: Map<string, AttributeType>, raw: unknown): IndexDef {
  const def: IndexDef =
    typeof raw === 'string'
      ? { name: raw, range: raw, partition: [] }
      : isObj(raw) && typeof raw.name === 'string' && Array.isArray(raw.range) && typeof raw.range[0] === 'string'
        ? { name: raw.name, range: raw.range[0], partition: Array.isArray(raw.partition) ? raw.partition.map(String) : [] }
        : (() => { throw new Error(`manifest: entity ${entity} has an index that is neither a name nor { name, range: [attr], partition? }`); })();
  for (const attr of [def.range, ...def.partition]) {
    if (!attributes.has(attr)) throw new Error(`manifest: entity ${entity} index ${def.name} uses undeclared attribute "${attr}"`);
  }
  return def;
}

export function parseEntities(raw: unknown): Map<string, EntityDef> {
  const out = new Map<string, EntityDef>();
  if (raw === undefined) return out;
  if (!Array.isArray(raw)) throw new Error('manifest: app.storage.entities must be a list');
  for (const e of raw) {
    if (!isObj(e) || typeof e.name !== 'string') throw new Error('manifest: every entity needs a name');
    const name = e.name;
    if (name.length < 3 || name.length > 60 || !ENTITY_NAME.test(name)) throw new Error(`manifest: entity name "${name}" breaks Forge's naming rule`);
    const attributes = new Map<string, AttributeType>();
    for (const [attr, spec] of Object.entries(isObj(e.attributes) ? e.attributes : {})) {
      const type = isObj(spec) ? spec.type : undefined;
      if (typeof type !== 'string' || !TYPES.includes(type as AttributeType)) {
        throw new Error(`manifest: entity ${name} attribute ${attr} has type "${String(type)}" (expected ${TYPES.join(', ')})`);
      }
      attributes.set(attr, type as AttributeType);
    }
    const indexes = new Map<string, IndexDef>();
    for (const idx of Array.isArray(e.indexes) ? e.indexes : []) {
      const def = parseIndex(name, attributes, idx);
      indexes.set(def.name, def);
    }
    out.set(name, { name, attributes, indexes });
  }
  return out;
}

/** The reason a value does not fit its entity's declared attributes, or null when it fits. */
export function entityValueProblem(entity: EntityDef, value: unknown): string | null {
  if (!isObj(value)) return `a ${entity.name} value must be an object`;
  for (const [attr, v] of Object.entries(value)) {
    const type = entity.attributes.get(attr);
    if (!type) return `attribute "${attr}" is not declared on entity ${entity.name}`;
    if (v === null || v === undefined) continue;
    const ok =
      type === 'any' ||
      (type === 'string' && typeof v === 'string') ||
      (type === 'boolean' && typeof v === 'boolean') ||
      (type === 'integer' && Number.isInteger(v)) ||
      (type === 'float' && typeof v === 'number' && Number.isFinite(v));
    if (!ok) return `attribute "${attr}" of entity ${entity.name} must be ${type}, got ${JSON.stringify(v)}`;
  }
  return null;
}
