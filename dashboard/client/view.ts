/// <reference lib="dom" />
/**
 * DOM building for the dashboard: elements made one by one, text set with textContent,
 * never HTML from strings (the page's CSP enforces Trusted Types, so innerHTML would throw).
 */
import type { CaseView, ErrorIndex, Member, MeetingDetail, Ref, SearchHit } from './api';
import type { Cell, Path, Shown } from './model';
import { addressShown, consentCell, FIELDS, fieldCell } from './model';
import {
  ageOn,
  CASE_STATUS_LABELS,
  FIELD_LABELS,
  formatDate,
  label,
  PLAN_COMPONENT_LABELS,
  PLAN_KIND_LABELS,
  PLAN_STATUS_LABELS,
  reasonFor,
  TEAM_ROLE_LABELS,
} from '../common/labels';

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(name, v === true ? '' : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

/** A button that looks like a link: opening something is an action on this page, not a navigation. */
export function linkButton(text: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'link-button' }, text);
  b.addEventListener('click', onClick);
  return b;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

/** 非開示 with its reason in words and the code for whoever has to look it up. */
function withheldBox(code: string, reason: string): HTMLElement {
  return h(
    'div',
    { class: 'withheld', 'data-state': 'withheld', 'data-code': code },
    h('span', { class: 'withheld-badge' }, '非開示'),
    h('span', { class: 'withheld-reason' }, reason),
    h('span', { class: 'withheld-code' }, code),
  );
}

export function renderShown(s: Shown): HTMLElement {
  switch (s.kind) {
    case 'withheld':
      return withheldBox(s.code, s.reason);
    case 'absent':
      return h('span', { class: 'absent', 'data-state': 'absent' }, s.text);
    case 'value':
      return h(
        'span',
        { class: 'value', 'data-state': 'value' },
        s.lines.flatMap((line, i) => (i === 0 ? [line] : [h('br'), line])),
      );
  }
}

function renderCell(cell: Cell): HTMLElement {
  if (cell.kind !== 'record') return renderShown(cell);
  return h(
    'dl',
    { class: 'facts', 'data-state': 'record' },
    cell.facts.map((f) => h('div', {}, h('dt', {}, f.label), h('dd', {}, renderShown(f.value)))),
  );
}

/** What the page offers to do about one member (緊急時の閲覧): shown under their name, not printed. */
export type MemberActions = (member: Member) => HTMLElement | null;

function memberRow(
  member: Member,
  errors: ErrorIndex,
  path: Path,
  today: Date,
  actions?: MemberActions,
): HTMLTableRowElement {
  const age = ageOn(member.birthDate, today);
  const action = actions?.(member) ?? null;
  return h(
    'tr',
    { 'data-person': member.id },
    h(
      'th',
      { scope: 'row', class: 'member' },
      h('span', { class: 'member-name' }, member.name),
      h('span', { class: 'member-kana' }, member.nameKana),
      h(
        'span',
        { class: 'member-meta' },
        `${formatDate(member.birthDate)}生${age === null ? '' : `（${age}歳）`}`,
      ),
      h('span', { class: 'member-meta' }, `宛名番号 ${member.id}`),
      h(
        'span',
        { class: 'member-address' },
        h('span', { class: 'sr-label' }, '住所 '),
        renderShown(addressShown(member, errors, path)),
      ),
      action && h('span', { class: 'member-actions no-print' }, action),
    ),
    h('td', { 'data-field': 'CONSENT' }, renderCell(consentCell(member, errors, path))),
    FIELDS.map((f) => h('td', { 'data-field': f }, renderCell(fieldCell(member, f, errors, path)))),
  );
}

export function membersTable(
  caption: string,
  members: { member: Member; path: Path }[],
  errors: ErrorIndex,
  today: Date,
  actions?: MemberActions,
): HTMLElement {
  const table = h(
    'table',
    { class: 'members' },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, '世帯員'),
        h('th', { scope: 'col' }, '同意'),
        FIELDS.map((f) => h('th', { scope: 'col' }, FIELD_LABELS[f])),
      ),
    ),
    h(
      'tbody',
      {},
      members.map(({ member, path }) => memberRow(member, errors, path, today, actions)),
    ),
  );
  // Narrow screens scroll the table sideways rather than squeeze six columns.
  return h('div', { class: 'table-wrap' }, table);
}

/** The cases the user may see (the graph leaves the others out), their plans and dates. */
export function casesSection(cases: CaseView[] | null, withheldCode: string | undefined): HTMLElement {
  const heading = h('h3', {}, 'ケースと支援プラン');
  if (withheldCode) {
    return h('section', { class: 'cases' }, heading, withheldBox(withheldCode, reasonFor(withheldCode)));
  }
  if (!cases?.length) {
    return h(
      'section',
      { class: 'cases' },
      heading,
      h(
        'p',
        { class: 'absent', 'data-state': 'absent' },
        '表示できるケースはありません（支援チームに入っていないケースや、会議の議題にないケースは表示されません）',
      ),
    );
  }
  return h(
    'section',
    { class: 'cases' },
    heading,
    cases.map((c) =>
      h(
        'article',
        { class: 'case', 'data-case': c.id },
        h('h4', {}, c.title),
        h(
          'p',
          { class: 'case-meta' },
          `${c.id}・${label(CASE_STATUS_LABELS, c.status)}・受付 ${formatDate(c.openedAt)}`,
        ),
        h(
          'p',
          { class: 'case-team' },
          h('span', { class: 'case-team-label' }, '支援チーム: '),
          c.team.map((t) => `${t.agency.name}（${label(TEAM_ROLE_LABELS, t.role)}）`).join('、'),
        ),
        c.plans.length
          ? h(
              'table',
              { class: 'plans' },
              h('caption', {}, `${c.title} の支援プラン`),
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', { scope: 'col' }, 'プラン'),
                  h('th', { scope: 'col' }, '状態'),
                  h('th', { scope: 'col' }, '次回モニタリング'),
                  h('th', { scope: 'col' }, '対象者'),
                ),
              ),
              h(
                'tbody',
                {},
                c.plans.map((p) =>
                  h(
                    'tr',
                    { 'data-plan': p.id },
                    h(
                      'th',
                      { scope: 'row' },
                      label(PLAN_KIND_LABELS, p.kind),
                      p.components.length
                        ? `（${p.components.map((x) => label(PLAN_COMPONENT_LABELS, x)).join('・')}を含む）`
                        : '',
                    ),
                    h('td', {}, label(PLAN_STATUS_LABELS, p.status)),
                    h(
                      'td',
                      {},
                      p.monitoringDate
                        ? formatDate(p.monitoringDate)
                        : h('span', { class: 'absent', 'data-state': 'absent' }, '未定'),
                    ),
                    h('td', {}, p.people.map((x) => x.name).join('、')),
                  ),
                ),
              ),
            )
          : h('p', { class: 'absent', 'data-state': 'absent' }, '支援プランはまだありません'),
      ),
    ),
  );
}

/** Search results, grouped by household: one button per household (or person without one). */
export function searchResults(
  hits: SearchHit[],
  household: (Ref & { members: Ref[] }) | null,
  open: (kind: 'household' | 'person', id: string) => void,
): HTMLElement {
  const groups = new Map<string, { ref: Ref; names: string[] }>();
  if (household) groups.set(household.id, { ref: household, names: household.members.map((m) => m.name) });
  const loners: SearchHit[] = [];
  for (const hit of hits) {
    if (!hit.household) {
      loners.push(hit);
      continue;
    }
    const g = groups.get(hit.household.id) ?? { ref: hit.household, names: [] };
    if (!g.names.includes(hit.name)) g.names.push(hit.name);
    groups.set(hit.household.id, g);
  }
  if (!groups.size && !loners.length) {
    return h('p', { class: 'absent' }, '該当する人・世帯は見つかりませんでした');
  }
  return h(
    'ul',
    { class: 'results' },
    [...groups.values()].map((g) =>
      h(
        'li',
        {},
        linkButton(`${g.ref.name}（${g.ref.id}）を開く`, () => open('household', g.ref.id)),
        h('span', { class: 'result-names' }, g.names.join('、')),
      ),
    ),
    loners.map((p) =>
      h(
        'li',
        {},
        linkButton(`${p.name}（${p.id}）を開く`, () => open('person', p.id)),
        h('span', { class: 'result-names' }, `${p.nameKana}・${formatDate(p.birthDate)}生・世帯情報なし`),
      ),
    ),
  );
}

/** The agenda of the meeting the page acts in, each item a way to open it. */
export function agendaList(
  meeting: MeetingDetail,
  open: (kind: 'household' | 'person', id: string) => void,
): HTMLElement {
  const items = meeting.agenda.map((item) => {
    const target: { kind: 'household' | 'person'; ref: Ref } | null = item.case?.household
      ? { kind: 'household', ref: item.case.household }
      : item.household
        ? { kind: 'household', ref: item.household }
        : item.person
          ? { kind: 'person', ref: item.person }
          : null;
    const text = item.case
      ? `ケース ${item.case.title}（${item.case.id}）`
      : item.household
        ? `世帯 ${item.household.name}（${item.household.id}）`
        : item.person
          ? `個人 ${item.person.name}（${item.person.id}）`
          : '表示できない議題';
    if (!target) return h('li', {}, text);
    return h(
      'li',
      {},
      linkButton(`${text} を開く`, () => open(target.kind, target.ref.id)),
    );
  });
  return h(
    'div',
    { class: 'agenda' },
    h('h3', {}, `${meeting.title} の議題`),
    items.length ? h('ul', {}, items) : h('p', { class: 'absent' }, '議題はありません'),
  );
}
