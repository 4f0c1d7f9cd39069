// Atlassian's own ADF JSON schema, compiled once with ajv. The schema declares draft-04; its
// keywords mean the same under ajv's default draft, so the $schema line is set aside.
import Ajv from 'ajv';
import schema from '@atlaskit/adf-schema/dist/json-schema/v1/full.json';

const { $schema: _draft, ...body } = schema as Record<string, unknown>;
const validate = new Ajv({ strict: false }).compile(body);

/** Null when the document is valid ADF, else ajv's first errors as text. */
export function adfSchemaErrors(doc: unknown): string | null {
  if (validate(doc)) return null;
  return JSON.stringify((validate.errors ?? []).slice(0, 3));
}
