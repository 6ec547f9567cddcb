/// <reference lib="dom" />
/**
 * 本人開示の報告書 in the dashboard (福祉課): one person, a period of Tokyo calendar days;
 * the report from GET /audit/report (format=json), drawn from the same tree the gateway
 * prints as HTML (report.ts), printable on its own; the CSV in UTF-8 (BOM) or CP932 as
 * a download. Each read is audited by the gateway, so the page reads only on request.
 */
import type { ReportModel, ReportNode } from '../common/report';
import { reportTree } from '../common/report';
import { byId } from './view';

export interface DisclosureDeps {
  token(): string;
  announce(text: string): void;
  run(action: () => Promise<void>): Promise<void>;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const ERRORS: Record<number, string> = {
  400: '宛名番号と期間を確認してください',
  401: 'サインインの有効期限が切れています',
  403: '本人開示の報告書は福祉課のみが作成できます',
  503: '監査ログまたは重層のデータを読めないため作成できませんでした（時間をおいて再度お試しください）',
};

/** The tree as DOM: elements one by one, text as text (Trusted Types: never HTML from strings). */
export function reportDom(node: ReportNode | string): Node {
  if (typeof node === 'string') return document.createTextNode(node);
  const el = document.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs ?? {})) el.setAttribute(name, value);
  for (const child of node.children ?? []) el.append(reportDom(child));
  return el;
}

function todayInTokyo(): string {
  return new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);
}

export function initDisclosure(deps: DisclosureDeps) {
  const result = byId('disclosure-result');

  function query(format: string, encoding?: string): URLSearchParams | null {
    const person = byId<HTMLInputElement>('disclosure-person').value.trim();
    const from = byId<HTMLInputElement>('disclosure-from').value;
    const to = byId<HTMLInputElement>('disclosure-to').value;
    if (!ID.test(person)) {
      result.textContent = '宛名番号を入力してください（例: P-101）。';
      return null;
    }
    if (!from || !to || from > to) {
      result.textContent = '期間の開始日と終了日を入力してください（開始日は終了日以前）。';
      return null;
    }
    return new URLSearchParams({ person, from, to, format, ...(encoding ? { encoding } : {}) });
  }

  async function get(params: URLSearchParams): Promise<Response | null> {
    const response = await fetch(`/audit/report?${params.toString()}`, {
      headers: { authorization: `Bearer ${deps.token()}` },
      cache: 'no-store',
      credentials: 'omit',
    }).catch(() => null);
    if (!response) {
      result.textContent = 'ゲートウェイに接続できませんでした。';
      return null;
    }
    if (!response.ok) {
      result.textContent = `作成できませんでした: ${ERRORS[response.status] ?? `HTTP ${response.status}`}`;
      return null;
    }
    return response;
  }

  async function show(): Promise<void> {
    const params = query('json');
    if (!params) return;
    const response = await get(params);
    if (!response) return;
    const model = (await response.json()) as ReportModel;
    byId('disclosure-body').replaceChildren(reportDom(reportTree(model)));
    byId<HTMLButtonElement>('disclosure-print').disabled = false;
    result.textContent = '';
    deps.announce(
      `本人開示の報告書を表示しました（${model.person.name ?? model.person.id}、${model.totals.decisions}件）。`,
    );
  }

  async function download(encoding: 'utf8' | 'cp932'): Promise<void> {
    const params = query('csv', encoding);
    if (!params) return;
    const response = await get(params);
    if (!response) return;
    const name =
      /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'disclosure.csv';
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    result.textContent = `${name} を保存しました。`;
  }

  /** Prints the report alone (dashboard.css: body[data-print='disclosure']). */
  function print(): void {
    document.body.dataset.print = 'disclosure';
    window.addEventListener('afterprint', () => delete document.body.dataset.print, { once: true });
    window.print();
  }

  byId<HTMLFormElement>('disclosure-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void deps.run(show);
  });
  byId('disclosure-csv-utf8').addEventListener('click', () => void deps.run(() => download('utf8')));
  byId('disclosure-csv-cp932').addEventListener('click', () => void deps.run(() => download('cp932')));
  byId('disclosure-print').addEventListener('click', print);

  return {
    signedIn(role: string | null): void {
      byId('disclosure').hidden = role !== 'COORDINATOR';
      const today = todayInTokyo();
      byId<HTMLInputElement>('disclosure-from').value = `${today.slice(0, 8)}01`;
      byId<HTMLInputElement>('disclosure-to').value = today;
    },
    signedOut(): void {
      byId('disclosure').hidden = true;
      byId('disclosure-body').replaceChildren();
      byId<HTMLInputElement>('disclosure-person').value = '';
      byId<HTMLButtonElement>('disclosure-print').disabled = true;
    },
    /** Prefills the person (from a member's 「本人開示」 action) and moves there. */
    forPerson(personId: string): void {
      byId<HTMLInputElement>('disclosure-person').value = personId;
      byId('disclosure-title').focus();
    },
  };
}
