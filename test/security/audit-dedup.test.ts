/**
 * Issue 12, leak 4: decisions were de-duplicated per (person, field, class, subject)
 * within a request, first wins, so a request whose first selection of P-202's consent
 * was withheld and whose second was disclosed recorded only the withholding. Now the
 * request's one record carries every decision: both are there.
 */
import { mintDevToken } from '../../town/dev-idp';
import { demoTown } from '../../testkit';
import type { TestGraph } from '../support/graph';
import { startTestGraph } from '../support/graph';
import { recordAttack } from '../support/security-summary';

// 相談支援事業所あおば takes P-202's intake (同意する) and refers her to 多機関協働: before the
// referral it has no role on her case (her consent withheld), after it it is the main
// contact (disclosed). P-202's consent is not yet recorded in this town (she comes to
// あおば first), so the intake is the consent in force and あおば may refer her.
const MUTATION = /* GraphQL */ `
  mutation {
    first: recordIntake(
      input: {
        personId: "P-202"
        topics: ["介護と育児の両立"]
        consent: { answer: GRANTED, fields: [KAIGO, SHOGAI, KODOMO, KONKYU], method: INTAKE_SHEET }
      }
    ) {
      id
      consent {
        status
      }
    }
    second: referToTakikan(
      input: { personIds: ["P-202"], title: "ダブルケアの相談", intakeIds: ["P-202#1"] }
    ) {
      people {
        id
        consent {
          status
        }
      }
    }
  }
`;

let graph: TestGraph;
beforeAll(async () => {
  const town = demoTown();
  graph = await startTestGraph({
    town: { ...town, consents: town.consents.filter((c) => c.personId !== 'P-202') },
  });
});
afterAll(() => graph.stop());

it('a withheld and then a disclosed read of P-202’s consent in one request are both audited', async () => {
  const res = await graph.query<{
    first: { consent: unknown };
    second: { people: { id: string; consent: { status: string } | null }[] };
  }>(MUTATION, {}, { as: 's-aoba-01' });
  // The premise: the first selection is withheld, the second disclosed.
  expect(res.body.data?.first.consent).toBeNull();
  expect(res.body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
    [['first', 'consent'], 'NOT_ON_TEAM'],
  ]);
  expect(res.body.data?.second.people).toEqual([{ id: 'P-202', consent: { status: 'GRANTED' } }]);

  const rows = (await graph.gateway.auditLog.byPerson('P-202')).filter(
    (r) => r.field === 'CONSENT' && r.subjectId === 'P-202' && r.staffId === 's-aoba-01',
  );
  const outcomes = rows.map((r) => `${r.decision}:${r.basis ?? r.code}`);
  const missed = !outcomes.includes('DISCLOSED:CASE_TEAM');
  recordAttack('audit: a disclosure after a withholding of the same field in one request', missed);
  expect(outcomes).toEqual(expect.arrayContaining(['WITHHELD:NOT_ON_TEAM', 'DISCLOSED:CASE_TEAM']));
  // One record for the request, holding both.
  expect(new Set(rows.map((r) => r.seq)).size).toBe(1);

  // The coordinator's view (本人開示) shows both too.
  const url = graph.url.replace(/\/graphql$/, '/audit?person=P-202');
  const body = (await (
    await fetch(url, { headers: { authorization: `Bearer ${await mintDevToken('s-fukushi-01')}` } })
  ).json()) as { entries: { field: string; staffId: string; decision: string }[] };
  const consentReads = body.entries.filter((e) => e.field === 'CONSENT' && e.staffId === 's-aoba-01');
  expect(consentReads.map((e) => e.decision)).toEqual(expect.arrayContaining(['WITHHELD', 'DISCLOSED']));
  expect(await graph.gateway.auditLog.verify()).toMatchObject({ ok: true });
});
