/**
 * What the year's statistics read from the store: a handful of range and `$in` queries on
 * indexed paths (model.ts INDEXES), each bounded by the year rather than by the town. At
 * 150,000 residents the people and their consent versions are never scanned: only the
 * year's intakes, the cases and plans that moved in it, and the meetings around it.
 */
import type { Collection, StoredDoc } from '../../../shared/store';
import type { JusoRepository } from '../repository';
import type { CaseDoc, ConsentDoc, PlanDoc, PlanStatus } from '../model';
import type { StatisticsInput } from './count';
import { REFERRAL_WINDOW_DAYS } from './count';
import type { FiscalYear } from './fiscal';

const DAY_MS = 86_400_000;
const LIVE: PlanStatus[] = ['DRAFT', 'IN_REVIEW', 'AWAITING_DECISION', 'CONFIRMED'];
/** A meeting is placed by the day it opened; read those scheduled this far around the year. */
const MEETING_MARGIN_DAYS = 62;

/**
 * `{field: {$in: values}}` in slices: a store may test each document against the whole
 * list (the embedded one does), so one query of 7,000 ids costs 7,000² comparisons and
 * fifteen of 500 cost a fifteenth of that, for the same documents.
 */
const IN_SLICE = 500;
async function findIn<T extends StoredDoc>(
  collection: Collection<T>,
  field: string,
  values: readonly string[],
) {
  const unique = [...new Set(values)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += IN_SLICE)
    out.push(...(await collection.find({ [field]: { $in: unique.slice(i, i + IN_SLICE) } })));
  return out;
}

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
  const moreCases: CaseDoc[] = await findIn(repo.cases(), '_id', moreCaseIds);
  const cases = unique(openedCases, returnedCases, moreCases);

  // The plans live in the year are every plan a count needs: a case's 終結 or 中断 in the
  // year is when its last live plan settled, and a plan settled before the year began
  // neither holds a case open nor settles it (so the cases' other plans are not read).
  const yearIntakes = intakes.filter((i) => i.consultation && i.consultation.receivedAt >= fy.startAt);
  const people = await findIn(
    repo.people(),
    '_id',
    yearIntakes.map((i) => i.personId),
  );
  const plans: PlanDoc[] = plansInYear;

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
    findIn(repo.consents(), '_id', intakeIds),
    findIn(repo.consents(), 'personId', withoutIds),
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
