import type { GraphQLResponse } from './graph';

type Path = (string | number)[];

/** The field at `path` is null and exactly one error at that path carries `code`. */
export function expectWithheld(res: GraphQLResponse<unknown>, path: Path, code: string): void {
  let node: unknown = res.body.data;
  for (const key of path) node = (node as Record<string | number, unknown> | null)?.[key];
  expect(node).toBeNull();
  const errors = (res.body.errors ?? []).filter((e) => JSON.stringify(e.path) === JSON.stringify(path));
  expect(errors.map((e) => e.extensions?.code)).toEqual([code]);
}

/** No error at or below `path`. */
export function expectDisclosed(res: GraphQLResponse<unknown>, path: Path): unknown {
  const prefix = JSON.stringify(path).slice(0, -1);
  const errors = (res.body.errors ?? []).filter((e) => JSON.stringify(e.path ?? []).startsWith(prefix));
  expect(errors).toEqual([]);
  let node: unknown = res.body.data;
  for (const key of path) node = (node as Record<string | number, unknown> | null)?.[key];
  return node;
}
