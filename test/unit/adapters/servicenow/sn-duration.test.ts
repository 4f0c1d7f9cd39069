// ServiceNow durations as the Table API carries them: a date-time counted from 1970-01-01 00:00:00.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fromDuration, toDuration } from '../../../../src/adapters/servicenow/sn-duration';
import { editsToPatch } from '../../../../src/adapters/servicenow/record-patch';

describe('ServiceNow durations', () => {
  test('seconds ⇄ the stored form, past a day too', () => {
    for (const [seconds, stored] of [[0, '1970-01-01 00:00:00'], [5_400, '1970-01-01 01:30:00'], [27 * 3_600 + 61, '1970-01-02 03:01:01'], [40 * 86_400, '1970-02-10 00:00:00']] as const) {
      assert.equal(toDuration(seconds), stored);
      assert.equal(fromDuration(stored), seconds);
    }
    for (const bad of ['', '01:30:00', '1 01:30:00', '1969-12-31 23:59:59', 'soon']) assert.equal(fromDuration(bad), null, bad);
    assert.throws(() => toDuration(-1));
  });

  test('time spent is written to time_worked as a duration; anything but seconds is refused naming the field', () => {
    const patch = editsToPatch([{ field: 'timespent', partnerField: 'timespent', value: { kind: 'number', value: 3_600 } }], { table: 'incident' });
    assert.deepEqual(patch.body, { time_worked: '1970-01-01 01:00:00' });
    assert.throws(() => editsToPatch([{ field: 'timespent', partnerField: 'timespent', value: { kind: 'text', text: '1h' } }], { table: 'incident' }), /timespent|time spent/);
  });
});
