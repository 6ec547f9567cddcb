/**
 * What the year's statistics read from the store: a handful of range and `$in` queries on
 * indexed paths (model.ts INDEXES), each bounded by the year rather than by the town. At
 * 150,000 residents the people and their consent versions are never scanned: only the
 * year's intakes, the cases and plans that moved in it, and the meetings around it.
 */
import type { JusoRepository } from '../repository';
import type { CaseDoc, ConsentDoc, PlanDoc, PlanStatus } from '../model';
import type { StatisticsInput } from './count';
import { REFERRAL_WINDOW_DAYS } from './count';
import type { FiscalYear } from './fiscal';

const DAY_MS = 86_400_000;
const LIVE: PlanStatus[] = ['DRAFT', 'IN_REVIEW', 'AWAITING_DECISION', 'CONFIRMED'];
/** A meeting is placed by the day it opened; read those scheduled this far around the year. */
const MEETING_MARGIN_DAYS = 62;

const shift = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS).toISOString();
const unique = <T extends { _id: string }>(...lists: T[][]): T[] => [
  ...new Map(lists.flat().map((d) => [d._id, d])).values(),
];

export async function loadStatisticsInput(repo: JusoRepository, fy: FiscalYear): Promise<StatisticsInput> {
  const [agencies, intakes, changedPlans, livePlans, openedCases, returnedCases, meetings] =
    await Promise.all([
      repo.agencies().find({}),
      repo.consents().find({
        'consultation.receivedAt': { $gte: shift(fy.startAt, -REFERRAL_WINDOW_DAYS), $lt: fy.endAt },
      }),
      // Changed since the year began (updatedAt never moves back) or live now: every plan
      // live at some time in the year is among them.
      repo.plans().find({ updatedAt: { $gte: fy.startAt } }),
      repo.plans().find({ status: { $in: LIVE } }),
      repo.cases().find({ openedAt: { $gte: fy.startAt, $lt: fy.endAt } }),
      repo.cases().find({ returnedAt: { $gte: fy.startAt, $lt: fy.endAt } }),
      repo.meetings().find({
        scheduledAt: {
          $gte: shift(fy.startAt, -MEETING_MARGIN_DAYS),
          $lt: shift(fy.endAt, MEETING_MARGIN_DAYS),
        },
      }),
    ]);
  const plansInYear = unique(changedPlans, livePlans).filter((p) => p.createdAt < fy.endAt);
  const knownCases = new Set([...openedCases, ...returnedCases].map((c) => c._id));
  const moreCaseIds = [...new Set(plansInYear.map((p) => p.caseId))].filter((id) => !knownCases.has(id));
  const moreCases: CaseDoc[] = moreCaseIds.length
    ? await repo.cases().find({ _id: { $in: moreCaseIds } })
    : [];
  const cases = unique(openedCases, returnedCases, moreCases);

  // Every plan of those cases: a case's 終結 is when its last live plan settled.
  const yearIntakes = intakes.filter((i) => i.consultation && i.consultation.receivedAt >= fy.startAt);
  const [allPlans, people] = await Promise.all([
    cases.length ? repo.plans().find({ caseId: { $in: cases.map((c) => c._id) } }) : Promise.resolve([]),
    yearIntakes.length
      ? repo.people().find({ _id: { $in: [...new Set(yearIntakes.map((i) => i.personId))] } })
      : Promise.resolve([]),
  ]);
  const plans: PlanDoc[] = unique(allPlans, plansInYear);

  // The intakes behind the plans confirmed in the year, however long before they were received.
  const confirmedCases = new Set(
    plans
      .filter((p) => p.history?.some((h) => h.to === 'CONFIRMED' && h.at >= fy.startAt && h.at < fy.endAt))
      .map((p) => p.caseId),
  );
  const behind = cases.filter((c) => confirmedCases.has(c._id));
  const intakeIds = behind.flatMap((c) => c.intakeIds ?? []);
  const withoutIds = behind.filter((c) => !c.intakeIds?.length).flatMap((c) => c.personIds);
  const [named, ofPeople] = await Promise.all([
    intakeIds.length ? repo.consents().find({ _id: { $in: intakeIds } }) : Promise.resolve([]),
    withoutIds.length
      ? repo.consents().find({ personId: { $in: [...new Set(withoutIds)] } })
      : Promise.resolve([]),
  ]);
  const caseIntakes: ConsentDoc[] = unique(named, ofPeople).filter((c) => c.consultation);

  return {
    fy,
    agencies,
    intakes: intakes.filter((i) => i.consultation),
    householdOf: new Map(people.map((p) => [p._id, p.householdId])),
    cases,
    plans,
    meetings,
    caseIntakes,
  };
}
