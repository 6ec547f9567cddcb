/** The audit log: one chained record per request, verifiable, and all-or-nothing per write. */
import type { AuditDecision, AuditRecord, AuditRecordDraft } from '../../gateway/audit/audit-log';
import { AUDIT_COLLECTION, AuditLog } from '../../gateway/audit/audit-log';
import type { Store } from '../../shared/store';
import { DuplicateKeyError, openStore } from '../../shared/store';

const decision = (personId: string, outcome: AuditDecision['decision'] = 'DISCLOSED'): AuditDecision => ({
  personId,
  field: 'KAIGO',
  cls: 'GENERAL',
  subjectId: null,
  decision: outcome,
  basis: outcome === 'DISCLOSED' ? 'CONSENT' : null,
  consentId: outcome === 'DISCLOSED' ? `${personId}#1` : null,
  code: outcome === 'DISCLOSED' ? null : 'CONSENT_REQUIRED',
  count: 1,
});

const draft = (requestId: string, ...decisions: AuditDecision[]): AuditRecordDraft => ({
  at: '2026-11-22T10:00:00.000Z',
  requestId,
  staffId: 's-takikan-01',
  agencyId: 'takikan-shakyo',
  meetingId: 'M-J1',
  decisions,
});

let store: Store;
let log: AuditLog;
beforeEach(async () => {
  store = await openStore({ service: 'audit', memory: true });
  log = new AuditLog(store, { checkpoints: null, archiveDir: null });
  await log.init();
});
afterEach(() => store.close());

const records = () => store.collection<AuditRecord>(AUDIT_COLLECTION);

describe('audit log', () => {
  it('chains concurrent appends, one record per request, and verifies', async () => {
    await Promise.all([
      log.append(draft('r1', decision('P-1'))),
      log.append(draft('r2', decision('P-2'), decision('P-1', 'WITHHELD'))),
      log.append(draft('r3', decision('P-3'))),
    ]);
    expect(await log.verify()).toMatchObject({ ok: true, entries: 3 });
    expect((await log.byPerson('P-1')).map((e) => [e.requestId, e.decision])).toEqual([
      ['r1', 'DISCLOSED'],
      ['r2', 'WITHHELD'],
    ]);
    // Group commit: the three requests arrived together and were written in one insert.
    expect(log.stats.writes).toBeLessThanOrEqual(2);
  });

  it('finds a record by every person it decided about (multikey persons)', async () => {
    await log.append(draft('r1', decision('P-1'), decision('P-2', 'WITHHELD')));
    const [r] = await records().find({ persons: 'P-2' });
    expect(r?.persons).toEqual(['P-1', 'P-2']);
    expect(await log.byPerson('P-2')).toEqual([
      expect.objectContaining({
        requestId: 'r1',
        personId: 'P-2',
        decision: 'WITHHELD',
        code: 'CONSENT_REQUIRED',
      }),
    ]);
  });

  it('detects an altered record', async () => {
    await log.append(draft('r1', decision('P-1')));
    await log.append(draft('r2', decision('P-2')));
    await log.append(draft('r3', decision('P-3')));
    await records().updateOne({ seq: 2 }, { $set: { staff: 's-kita-01' } });
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 2, reason: 'record altered' });
  });

  it('detects a removed record', async () => {
    for (const r of ['r1', 'r2', 'r3']) await log.append(draft(r, decision('P-1')));
    await records().deleteMany({ seq: 2 });
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('rejects an append the store cannot write, and carries on afterwards', async () => {
    await log.append(draft('r1', decision('P-1')));
    const coll = records();
    const insertMany = coll.insertMany.bind(coll);
    const spy = jest.spyOn(coll, 'insertMany').mockRejectedValueOnce(new Error('store unavailable'));
    await expect(log.append(draft('r2', decision('P-2')))).rejects.toThrow('store unavailable');
    spy.mockImplementation(insertMany);
    await log.append(draft('r3', decision('P-3')));
    expect(await log.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('continues the chain of an existing log', async () => {
    await log.append(draft('r1', decision('P-1')));
    const second = new AuditLog(store, { checkpoints: null, archiveDir: null });
    await second.init();
    await second.append(draft('r2', decision('P-2')));
    expect(await second.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('two writers on one store: the loser of each race re-chains, nothing lost, no fork', async () => {
    const other = new AuditLog(store, { checkpoints: null, archiveDir: null });
    await other.init();
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      writes.push(log.append(draft(`a${i}`, decision('P-1'))));
      writes.push(other.append(draft(`b${i}`, decision('P-2'))));
    }
    await Promise.all(writes);
    expect(await log.verify()).toMatchObject({ ok: true, entries: 80 });
    expect(log.stats.retries + other.stats.retries).toBeGreaterThan(0);
  });

  it('keeps a prefix another writer did not take (insertMany is not all-or-nothing on MongoDB)', async () => {
    await log.append(draft('r0', decision('P-0')));
    const coll = records();
    const insertMany = coll.insertMany.bind(coll);
    // As MongoDB's ordered insertMany outside a transaction: the first record goes in,
    // the second collides with a record another gateway wrote meanwhile.
    let rival: AuditLog | null = new AuditLog(store, { checkpoints: null, archiveDir: null });
    jest.spyOn(coll, 'insertMany').mockImplementation(async (docs) => {
      if (rival && docs.length >= 2) {
        const r = rival;
        rival = null;
        await insertMany(docs.slice(0, 1));
        await r.init();
        await r.append(draft('rival', decision('P-9')));
        throw new DuplicateKeyError(AUDIT_COLLECTION, String(docs[1]?.seq));
      }
      return insertMany(docs);
    });
    await Promise.all([
      log.append(draft('g1', decision('P-1'))),
      log.append(draft('g2', decision('P-2'))),
      log.append(draft('g3', decision('P-3'))),
    ]);
    // r0 alone, then the three together: wait for the group to form.
    const rows = await log.rows();
    expect(rows.map((r) => r.requestId).sort()).toEqual(['g1', 'g2', 'g3', 'r0', 'rival'].sort());
    expect(await log.verify()).toMatchObject({ ok: true, entries: 5 });
    expect(log.stats.partialPrefixes).toBe(1);
  });

  it('folds identical decisions with a count and keeps a withheld and a disclosed one', async () => {
    const withheld = { ...decision('P-202', 'WITHHELD'), field: 'CONSENT', subjectId: 'P-202' };
    const disclosed = {
      ...decision('P-202'),
      field: 'CONSENT',
      subjectId: 'P-202',
      basis: 'CASE_TEAM',
      consentId: null,
    };
    await log.append(draft('r1', withheld, disclosed, { ...disclosed }));
    const rows = await log.byPerson('P-202');
    expect(rows.map((r) => [r.decision, r.basis ?? r.code, r.count])).toEqual([
      ['WITHHELD', 'CONSENT_REQUIRED', 1],
      ['DISCLOSED', 'CASE_TEAM', 2],
    ]);
  });
});
