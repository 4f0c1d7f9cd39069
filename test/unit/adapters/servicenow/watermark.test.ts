// The polling watermark: records updated in the same second are neither missed nor taken twice,
// across full pages, concurrent updates and polls interrupted mid-page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatSnTime, parseSnTime } from '../../../../src/adapters/servicenow/sn-time';
import { foldPage, initialWatermark, pageQuery, startRun, type PolledRecord, type PollCursor, type Watermark } from '../../../../src/adapters/servicenow/watermark';

const T0 = Date.UTC(2025, 5, 2, 9, 0, 0);
const at = (s: number) => formatSnTime(T0 + s * 1000);
const rec = (id: string, s: number, mod = 1): PolledRecord => ({ sys_id: id, sys_updated_on: at(s), sys_mod_count: String(mod) });

/** A tiny Table API: just the encoded-query forms pageQuery writes, evaluated the way ServiceNow does. */
type Row = PolledRecord & { sys_updated_by: string };
function serve(rows: readonly Row[], query: string, limit: number): { page: PolledRecord[]; hasMore: boolean } {
  const parts = query.split('^');
  const order = parts.filter((p) => p.startsWith('ORDERBY')).map((p) => p.slice('ORDERBY'.length) as 'sys_updated_on' | 'sys_id');
  const conditions = parts.filter((p) => !p.startsWith('ORDERBY')).map((p) => {
    const m = /^(sys_updated_on|sys_id|sys_updated_by)(>=|!=|>|=)(.*)$/.exec(p);
    assert.ok(m, `unexpected condition ${p}`);
    return { field: m[1] as keyof Row, op: m[2]!, value: m[3]! };
  });
  const matches = rows.filter((r) => conditions.every(({ field, op, value }) => {
    const v = r[field]!;
    return op === '>=' ? v >= value : op === '>' ? v > value : op === '=' ? v === value : v !== value;
  }));
  matches.sort((a, b) => {
    for (const f of order) if (a[f] !== b[f]) return a[f] < b[f] ? -1 : 1;
    return 0;
  });
  return { page: matches.slice(0, limit).map(({ sys_id, sys_updated_on, sys_mod_count }) => ({ sys_id, sys_updated_on, sys_mod_count })), hasMore: matches.length > limit };
}

describe('watermark queries', () => {
  test('the first query starts at the watermark, leaves out our own writes and orders for ties', () => {
    const wm = initialWatermark('2025-06-02 09:00:00');
    assert.equal(pageQuery(startRun(wm), { excludeUser: 'liaison.integration' }), 'sys_updated_on>=2025-06-02 09:00:00^sys_updated_by!=liaison.integration^ORDERBYsys_updated_on^ORDERBYsys_id');
    assert.equal(pageQuery({ wm, mode: 'tie', after: 'b2' }), 'sys_updated_on=2025-06-02 09:00:00^sys_id>b2^ORDERBYsys_id');
    assert.equal(pageQuery({ wm, mode: 'past' }), 'sys_updated_on>2025-06-02 09:00:00^ORDERBYsys_updated_on^ORDERBYsys_id');
  });

  test("the attachment pass narrows every form of the query to its table's files", () => {
    const wm = initialWatermark('2025-06-02 09:00:00');
    const where = 'table_name=incident';
    assert.equal(pageQuery(startRun(wm), { where, excludeUser: 'liaison.integration' }), 'table_name=incident^sys_updated_on>=2025-06-02 09:00:00^sys_updated_by!=liaison.integration^ORDERBYsys_updated_on^ORDERBYsys_id');
    assert.equal(pageQuery({ wm, mode: 'tie', after: 'b2' }, { where }), 'table_name=incident^sys_updated_on=2025-06-02 09:00:00^sys_id>b2^ORDERBYsys_id');
    assert.equal(pageQuery({ wm, mode: 'past' }, { where }), 'table_name=incident^sys_updated_on>2025-06-02 09:00:00^ORDERBYsys_updated_on^ORDERBYsys_id');
  });

  test('bad times are refused, not guessed', () => {
    assert.throws(() => initialWatermark('2025-06-02T09:00:00Z'), /ServiceNow UTC time "YYYY-MM-DD HH:mm:ss"/);
    assert.throws(() => initialWatermark('2025-02-30 09:00:00'), /ServiceNow UTC time/);
    assert.throws(() => foldPage(startRun(initialWatermark(at(0))), [], { limit: 0, settledBefore: at(9) }), /limit must be a positive integer/);
    assert.equal(parseSnTime('2025-06-02 09:00:00'), T0);
  });
});

describe('folding pages', () => {
  test('a record already taken at the watermark second is skipped; a second update in that second is not', () => {
    const wm: Watermark = { at: at(5), seen: ['a@1'] };
    const r = foldPage(startRun(wm), [rec('a', 5, 1), rec('b', 5), rec('c', 6)], { limit: 10, settledBefore: at(9) });
    assert.deepEqual(r.fresh.map((x) => x.sys_id), ['b', 'c']);
    assert.deepEqual(r.cursor.wm, { at: at(6), seen: ['c@1'] });
    assert.equal(r.done, true);
    const again = foldPage(startRun({ at: at(5), seen: ['a@1'] }), [rec('a', 5, 2)], { limit: 10, settledBefore: at(9) });
    assert.deepEqual(again.fresh.map((x) => `${x.sys_id}@${x.sys_mod_count}`), ['a@2']);
  });

  test('a full page that ends inside a second continues by sys_id within it, then past it', () => {
    const rows: Row[] = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ ...rec(id, 3), sys_updated_by: 'beth' })).concat([{ ...rec('f', 4), sys_updated_by: 'beth' }]);
    let cursor: PollCursor = startRun(initialWatermark(at(0)));
    const queries: string[] = [];
    const taken: string[] = [];
    for (let done = false; !done;) {
      const q = pageQuery(cursor);
      queries.push(q);
      const { page, hasMore } = serve(rows, q, 2);
      const r = foldPage(cursor, page, { limit: 2, settledBefore: at(60), hasMore });
      taken.push(...r.fresh.map((x) => x.sys_id));
      cursor = r.cursor;
      done = r.done;
    }
    assert.deepEqual(taken, ['a', 'b', 'c', 'd', 'e', 'f']);
    assert.deepEqual(queries.map((q) => q.split('^').slice(0, 2).join('^')), [
      `sys_updated_on>=${at(0)}^ORDERBYsys_updated_on`, `sys_updated_on=${at(3)}^sys_id>b`, `sys_updated_on=${at(3)}^sys_id>d`, `sys_updated_on>${at(3)}^ORDERBYsys_updated_on`,
    ]);
    assert.deepEqual(cursor.wm, { at: at(4), seen: ['f@1'] });
  });

  test('records of the unfinished second wait for the next poll', () => {
    const r = foldPage(startRun(initialWatermark(at(0))), [rec('a', 1), rec('b', 2), rec('c', 2)], { limit: 10, settledBefore: at(2) });
    assert.deepEqual(r.fresh.map((x) => x.sys_id), ['a']);
    assert.equal(r.done, true);
    assert.deepEqual(r.cursor, { wm: { at: at(1), seen: ['a@1'] }, mode: 'from' });
  });
});

type Update = { id: string; second: number; human: boolean };

const scheduleArb = fc.array(
  fc.record({ id: fc.constantFrom(...'0123456789abcdef'.split('').map((c) => `${c}${c}e3`)), second: fc.nat(4), human: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) }),
  { minLength: 1, maxLength: 60 },
).map((us) => [...us].sort((a, b) => a.second - b.second));

describe('property: every update is taken exactly once', () => {
  test('many ties, random page sizes, concurrent updates and polls interrupted mid-page', () => {
    fc.assert(fc.property(
      scheduleArb, fc.integer({ min: 1, max: 7 }), fc.array(fc.nat(3), { minLength: 1, maxLength: 40 }), fc.array(fc.option(fc.nat(7), { freq: 4 }), { minLength: 1, maxLength: 40 }),
      (updates: Update[], limit, arrivals, crashes) => {
        const table = new Map<string, Row>();
        let happened = 0;
        let clock = -1;
        const advance = (n: number) => {
          for (let i = 0; i < n && happened < updates.length; i++, happened++) {
            const u = updates[happened]!;
            const mod = Number(table.get(u.id)?.sys_mod_count ?? '0') + 1;
            table.set(u.id, { sys_id: u.id, sys_updated_on: at(u.second), sys_mod_count: String(mod), sys_updated_by: u.human ? 'beth' : 'liaison' });
            clock = u.second;
          }
          // Once everything has happened, time moves on and every second is over.
          if (happened === updates.length) clock = updates[updates.length - 1]!.second + 1;
        };
        const delivered: string[] = [];
        let stored = initialWatermark(at(0));
        let step = 0;
        let quietRunsDone = 0;
        while (quietRunsDone < 1) {
          assert.ok(step < 2000, 'polling must end');
          let cursor: PollCursor = startRun(stored);
          const eventsBefore = happened;
          let crashed = false;
          for (let done = false; !done; step++) {
            assert.ok(step < 2000, 'a poll run must end');
            advance(arrivals[step % arrivals.length]!);
            const { page, hasMore } = serve([...table.values()], pageQuery(cursor, { excludeUser: 'liaison' }), limit);
            // Faults stop after a while, as outages do; the poller must then catch up completely.
            const crashAt = step < 300 ? crashes[step % crashes.length] : null;
            const settledBefore = at(clock);
            if (crashAt !== null && crashAt !== undefined && crashAt < page.length) {
              // Applied and stored record by record, then the invocation dies mid-page.
              const r = foldPage(cursor, page.slice(0, crashAt), { limit, settledBefore });
              delivered.push(...r.fresh.map((x) => `${x.sys_id}@${x.sys_mod_count}`));
              stored = r.cursor.wm;
              crashed = true;
              step++;
              break;
            }
            const r = foldPage(cursor, page, { limit, settledBefore, hasMore });
            delivered.push(...r.fresh.map((x) => `${x.sys_id}@${x.sys_mod_count}`));
            stored = r.cursor.wm;
            cursor = r.cursor;
            done = r.done;
          }
          if (!crashed && happened === updates.length && eventsBefore === updates.length) quietRunsDone++;
          // Time passes between polls: at least one more update happens.
          advance(1);
        }
        assert.equal(new Set(delivered).size, delivered.length, `taken twice: ${delivered.join(' ')}`);
        for (const row of table.values()) {
          if (row.sys_updated_by === 'beth') assert.ok(delivered.includes(`${row.sys_id}@${row.sys_mod_count}`), `missed ${row.sys_id}@${row.sys_mod_count}`);
        }
        for (const d of delivered) assert.ok(!d.includes('liaison'));
      },
    ), { numRuns: 400 });
  });
});
