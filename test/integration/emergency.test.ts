/**
 * 緊急時の閲覧 through the real federated graph: a window opened by a mutation, its id sent
 * as X-Emergency-Access, the four fields of its one person read as if on consent — never
 * tax, a DV-protected address or a child-protection record — every disclosure audited with
 * basis EMERGENCY and the window id, and 福祉課's review end to end.
 */
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph.stop());
beforeEach(() => graph.reset());

const OUTREACH = 's-outreach-01';
const FUKUSHI = 's-fukushi-01';

const OPEN = /* GraphQL */ `
  mutation ($input: EmergencyAccessInput!) {
    openEmergencyAccess(input: $input) {
      id
      version
      status
      secondsLeft
      expiresAt
      person {
        id
      }
    }
  }
`;
const CLOSE = /* GraphQL */ `
  mutation ($id: ID!, $v: Int!) {
    closeEmergencyAccess(windowId: $id, expectedVersion: $v) {
      id
      version
      status
      endedAt
    }
  }
`;
const REVIEW = /* GraphQL */ `
  mutation ($id: ID!, $v: Int!, $verdict: ReviewVerdict!, $note: String!) {
    reviewEmergencyAccess(windowId: $id, expectedVersion: $v, verdict: $verdict, note: $note) {
      id
      version
      status
      review {
        verdict
        note
      }
    }
  }
`;
const LIFT = /* GraphQL */ `
  mutation ($id: ID!, $v: Int!) {
    liftEmergencyRestriction(windowId: $id, expectedVersion: $v, note: "面談済み") {
      id
      version
    }
  }
`;
const QUEUE = /* GraphQL */ `
  query ($status: EmergencyWindowStatus) {
    emergencyReviews(status: $status) {
      id
      status
      overdue
      staffId
      reasonCategory
      reason
      person {
        id
      }
    }
  }
`;

interface Window {
  id: string;
  version: number;
  status: string;
}

async function open(personId: string, as = OUTREACH, extra: Record<string, unknown> = {}): Promise<Window> {
  const res = await graph.query<{ openEmergencyAccess: Window }>(
    OPEN,
    {
      input: { personId, reasonCategory: 'ABUSE', reason: '夜間訪問で虐待の疑い。安否確認のため', ...extra },
    },
    { as },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.openEmergencyAccess;
}

/** A query in a window: its data and each error as [path, code]. */
async function inWindow(query: string, windowId: string | null, as = OUTREACH) {
  const res = await graph.query<Record<string, unknown>>(
    query,
    {},
    {
      as,
      headers: windowId ? { 'x-emergency-access': windowId } : {},
    },
  );
  return {
    status: res.status,
    data: res.body.data,
    errors: (res.body.errors ?? []).map((e) => [e.path?.join('.') ?? '', String(e.extensions?.code)]),
  };
}

const SHOGAI_301 = 'query { person(id: "P-301") { shogai { supportCategory certificates { kind grade } } } }';

describe('in an open window', () => {
  it('reads the window’s person’s fields without consent, and nothing without the header', async () => {
    const w = await open('P-301');
    expect(w.status).toBe('OPEN');
    expect((await inWindow(SHOGAI_301, null)).errors).toEqual([['person.shogai', 'NOT_ON_TEAM']]);
    const read = await inWindow(SHOGAI_301, w.id);
    expect(read.errors).toEqual([]);
    expect(read.data).toMatchObject({ person: { shogai: { supportCategory: expect.anything() } } });
  });

  it('audits each disclosure with basis EMERGENCY and the window id, and the opening', async () => {
    const w = await open('P-301');
    await inWindow(SHOGAI_301, w.id);
    const rows = await graph.gateway.auditLog.byPerson('P-301');
    expect(rows).toContainEqual(
      expect.objectContaining({
        staffId: OUTREACH,
        field: 'SHOGAI',
        decision: 'DISCLOSED',
        basis: 'EMERGENCY',
        emergencyId: w.id,
      }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({
        field: 'EMERGENCY_ACCESS',
        subjectId: w.id,
        basis: 'EMERGENCY_WINDOW_OPENED',
      }),
    );
  });

  it('never opens tax-derived data', async () => {
    const w = await open('P-102');
    const read = await inWindow('query { person(id: "P-102") { konkyu { taxStatus } } }', w.id);
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0]?.[0]).toBe('person.konkyu.taxStatus');
    expect(read.errors[0]?.[1]).not.toBe('EMERGENCY_ACCESS_NOT_OPEN');
  });

  it('never opens a DV-protected address, nor a child-protection record', async () => {
    const KODOMO = 'kodomo { caseNumber consultations { date } }';
    const w = await open('P-501', OUTREACH, { reasonCategory: 'DV' });
    const read = await inWindow(`query { person(id: "P-501") { address ${KODOMO} } }`, w.id);
    // 特定妊婦: the whole record stays with こども家庭センター (the ordinary rules answer for it).
    expect(read.data).toEqual({ person: { address: null, kodomo: null } });
    expect(read.errors.map(([path]) => path)).toEqual(['person.address', 'person.kodomo']);
    expect(read.errors[0]?.[1]).toBe('ADDRESS_WITHHELD');
    const child = await open('P-302');
    const cp = await inWindow(`query { person(id: "P-302") { ${KODOMO} } }`, child.id);
    expect(cp.data).toEqual({ person: { kodomo: null } });
    expect(cp.errors.map(([path]) => path)).toEqual(['person.kodomo']);
    expect(cp.errors[0]?.[1]).not.toBe('EMERGENCY_ACCESS_NOT_OPEN');
  });

  it('gives nothing about another person', async () => {
    const w = await open('P-301');
    const read = await inWindow('query { person(id: "P-401") { shogai { supportCategory } } }', w.id);
    expect(read.errors).toEqual([['person.shogai', 'NOT_ON_TEAM']]);
  });

  it('is the opener’s alone: another staff member with the id reads nothing more', async () => {
    const w = await open('P-301');
    const read = await inWindow(SHOGAI_301, w.id, 's-kodomo-01');
    expect(read.errors).toEqual([['person.shogai', 'EMERGENCY_ACCESS_NOT_OPEN']]);
  });

  it('goes with no meeting: both headers are a bad request', async () => {
    const w = await open('P-301');
    const res = await graph.query(
      SHOGAI_301,
      {},
      {
        as: OUTREACH,
        meeting: 'M-S1',
        headers: { 'x-emergency-access': w.id },
      },
    );
    expect(res.status).toBe(400);
  });
});

describe('when a window ends', () => {
  it('an expired window reads as not open', async () => {
    const w = await open('P-301');
    await graph.stores.juso
      .collection('emergency_windows')
      .updateOne({ _id: w.id }, { $set: { expiresAt: new Date(Date.now() - 1000).toISOString() } });
    expect((await inWindow(SHOGAI_301, w.id)).errors).toEqual([
      ['person.shogai', 'EMERGENCY_ACCESS_NOT_OPEN'],
    ]);
  });

  it('a closed window reads as not open, and the closing is audited', async () => {
    const w = await open('P-301');
    const closed = await graph.query<{ closeEmergencyAccess: Window }>(
      CLOSE,
      { id: w.id, v: w.version },
      {
        as: OUTREACH,
      },
    );
    expect(closed.body.data?.closeEmergencyAccess.status).toBe('AWAITING_REVIEW');
    expect((await inWindow(SHOGAI_301, w.id)).errors).toEqual([
      ['person.shogai', 'EMERGENCY_ACCESS_NOT_OPEN'],
    ]);
    expect(await graph.gateway.auditLog.byPerson('P-301')).toContainEqual(
      expect.objectContaining({ subjectId: w.id, basis: 'EMERGENCY_WINDOW_CLOSED' }),
    );
  });

  it('a made-up window id reads the same as an expired one', async () => {
    expect((await inWindow(SHOGAI_301, 'EA-made-up')).errors).toEqual([
      ['person.shogai', 'EMERGENCY_ACCESS_NOT_OPEN'],
    ]);
  });
});

describe('who may open one', () => {
  it('not an OTHER agency (ハローワーク)', async () => {
    const res = await graph.query(
      OPEN,
      { input: { personId: 'P-301', reasonCategory: 'OTHER', reason: '相談中に' } },
      { as: 's-hw-01' },
    );
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN_ACTION']);
  });

  it('not without a reason, nor for more than 24 hours', async () => {
    for (const extra of [{ reason: '   ' }, { hours: 25 }, { hours: 0 }]) {
      const res = await graph.query(
        OPEN,
        { input: { personId: 'P-301', reasonCategory: 'ABUSE', reason: '理由', ...extra } },
        { as: OUTREACH },
      );
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    expect(await graph.stores.juso.collection('emergency_windows').countDocuments({})).toBe(0);
  });

  it('at most two open windows at once per staff member', async () => {
    await open('P-301');
    await open('P-302');
    const res = await graph.query(
      OPEN,
      { input: { personId: 'P-102', reasonCategory: 'ABUSE', reason: '三件目' } },
      { as: OUTREACH },
    );
    expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['EMERGENCY_ACCESS_RESTRICTED']);
  });
});

describe('福祉課’s review', () => {
  it('sees the window in the queue, reviews it 不適切, and the holder is refused until it is lifted', async () => {
    const w = await open('P-301');
    // While open it cannot be reviewed yet.
    const early = await graph.query(
      REVIEW,
      { id: w.id, v: w.version, verdict: 'APPROPRIATE', note: 'x' },
      {
        as: FUKUSHI,
      },
    );
    expect(early.body.errors?.map((e) => e.extensions?.code)).toEqual(['ILLEGAL_TRANSITION']);
    const closed = (
      await graph.query<{ closeEmergencyAccess: Window }>(CLOSE, { id: w.id, v: w.version }, { as: OUTREACH })
    ).body.data!.closeEmergencyAccess;

    const queue = await graph.query<{ emergencyReviews: { id: string; status: string; overdue: boolean }[] }>(
      QUEUE,
      { status: 'AWAITING_REVIEW' },
      { as: FUKUSHI },
    );
    expect(queue.body.data?.emergencyReviews).toEqual([
      expect.objectContaining({ id: w.id, status: 'AWAITING_REVIEW', overdue: false }),
    ]);

    // Only 福祉課 reviews, and sees the queue.
    const notMine = await graph.query(
      REVIEW,
      { id: w.id, v: closed.version, verdict: 'APPROPRIATE', note: 'x' },
      {
        as: OUTREACH,
      },
    );
    expect(notMine.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN_ACTION']);
    const peek = await graph.query(QUEUE, {}, { as: 's-takikan-01' });
    expect(peek.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN_ACTION']);

    const reviewed = await graph.query<{ reviewEmergencyAccess: Window & { review: { verdict: string } } }>(
      REVIEW,
      { id: w.id, v: closed.version, verdict: 'INAPPROPRIATE', note: '緊急性は認められない' },
      { as: FUKUSHI },
    );
    expect(reviewed.body.data?.reviewEmergencyAccess).toMatchObject({
      status: 'REVIEWED',
      review: { verdict: 'INAPPROPRIATE' },
    });
    const refused = await graph.query(
      OPEN,
      { input: { personId: 'P-102', reasonCategory: 'ABUSE', reason: '再度' } },
      { as: OUTREACH },
    );
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['EMERGENCY_ACCESS_RESTRICTED']);

    const lifted = await graph.query(
      LIFT,
      { id: w.id, v: reviewed.body.data!.reviewEmergencyAccess.version },
      {
        as: FUKUSHI,
      },
    );
    expect(lifted.body.errors).toBeUndefined();
    await open('P-102');
  });

  it('shows a window awaiting review for more than seven days as overdue', async () => {
    const w = await open('P-301');
    await graph.stores.juso.collection('emergency_windows').updateOne(
      { _id: w.id },
      {
        $set: {
          openedAt: new Date(Date.now() - 9 * 86400_000).toISOString(),
          expiresAt: new Date(Date.now() - 8 * 86400_000).toISOString(),
        },
      },
    );
    const queue = await graph.query<{ emergencyReviews: { id: string; overdue: boolean }[] }>(
      QUEUE,
      {},
      {
        as: FUKUSHI,
      },
    );
    expect(queue.body.data?.emergencyReviews).toEqual([expect.objectContaining({ id: w.id, overdue: true })]);
  });
});
