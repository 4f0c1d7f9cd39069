// The request types of a shared service desk travel in the profile's catalog, for the partner's
// request type map, and only to a partner that announced it reads them ('catalog.requestTypes'):
// a partner on an earlier version gets the profile without them (its editor asks for typed names).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeCatalogs, PROFILE_ACCEPTS, profileFor, profileSchema, type PartnerProfile } from '../../../src/core/profile/partner-profile';

const profile: PartnerProfile = {
  name: 'Acme', site: 'https://acme.atlassian.net', contacts: [],
  catalog: { statuses: ['To Do'], priorities: ['High'], issueTypes: ['Task'], components: ['Portal'], requestTypes: ['Get IT help', 'Report a bug'] },
};

test("request types go to a partner that announced them, and never to one that did not", () => {
  assert.deepEqual(profileFor(profile, PROFILE_ACCEPTS).catalog.requestTypes, ['Get IT help', 'Report a bug']);
  // 1ddba33 announced components, versions and time spent only.
  const older = profileFor(profile, ['catalog.components', 'catalog.versions', 'field.timespent']);
  assert.equal(older.catalog.requestTypes, undefined);
  assert.deepEqual(older.catalog.components, ['Portal']);
  assert.equal(profileFor(profile, undefined).catalog.requestTypes, undefined);
  assert.ok(profileSchema.safeParse(profileFor(profile, PROFILE_ACCEPTS)).success);
});

test('several desks give one list, each name once; a catalog without a desk carries none', () => {
  const merged = mergeCatalogs([{ ...profile.catalog }, { statuses: [], priorities: [], issueTypes: [], requestTypes: ['Report a bug', 'Request new hardware'] }]);
  assert.deepEqual(merged.requestTypes, ['Get IT help', 'Report a bug', 'Request new hardware']);
  assert.equal(mergeCatalogs([{ statuses: ['To Do'], priorities: [], issueTypes: [] }]).requestTypes, undefined);
});
