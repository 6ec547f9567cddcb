/** The audit log: chained, verifiable, and all-or-nothing per write. */
import type { AuditDraft, AuditEntry } from '../../gateway/audit/audit-log';
import { AUDIT_COLLECTION, AuditLog } from '../../gateway/audit/audit-log';
import { EmbeddedStore } from '../../shared/store';

const draft = (personId: string, decision: AuditDraft['decision'] = 'DISCLOSED'): AuditDraft => ({
  at: '2026-11-22T10:00:00.000Z',
  requestId: 'r',
  staffId: 's-takikan-01',
  agencyId: 'takikan-shakyo',
  meetingId: 'M-J1',
  personId,
  field: 'KAIGO',
  cls: 'GENERAL',
  subjectId: null,
  decision,
  basis: decision === 'DISCLOSED' ? 'CONSENT' : null,
  consentId: null,
  code: decision === 'DISCLOSED' ? null : 'CONSENT_REQUIRED',
});

describe('audit log', () => {
  it('chains concurrent appends and verifies', async () => {
    const store = new EmbeddedStore();
    const log = new AuditLog(store);
    await log.init();
    await Promise.all([
      log.append([draft('P-1')]),
      log.append([draft('P-2'), draft('P-1', 'WITHHELD')]),
      log.append([draft('P-3')]),
    ]);
    expect(await log.verify()).toEqual({ ok: true, entries: 4 });
    expect((await log.byPerson('P-1')).map((e) => e.decision)).toEqual(['DISCLOSED', 'WITHHELD']);
  });

  it('detects an altered entry', async () => {
    const store = new EmbeddedStore();
    const log = new AuditLog(store);
    await log.init();
    await log.append([draft('P-1'), draft('P-2'), draft('P-3')]);
    await store
      .collection<AuditEntry>(AUDIT_COLLECTION)
      .updateOne({ seq: 2 }, { $set: { decision: 'WITHHELD' } });
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 2, reason: 'entry altered' });
  });

  it('detects a removed entry', async () => {
    const store = new EmbeddedStore();
    const log = new AuditLog(store);
    await log.init();
    await log.append([draft('P-1'), draft('P-2'), draft('P-3')]);
    await store.collection<AuditEntry>(AUDIT_COLLECTION).deleteMany({ seq: 2 });
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('rejects an append the store cannot write, and carries on afterwards', async () => {
    const store = new EmbeddedStore();
    const log = new AuditLog(store);
    await log.init();
    await log.append([draft('P-1')]);
    store.failWrites = true;
    await expect(log.append([draft('P-2')])).rejects.toThrow();
    store.failWrites = false;
    await log.append([draft('P-3')]);
    expect(await log.verify()).toEqual({ ok: true, entries: 2 });
  });

  it('continues the chain of an existing log', async () => {
    const store = new EmbeddedStore();
    const first = new AuditLog(store);
    await first.init();
    await first.append([draft('P-1')]);
    const second = new AuditLog(store);
    await second.init();
    await second.append([draft('P-2')]);
    expect(await second.verify()).toEqual({ ok: true, entries: 2 });
  });
});
