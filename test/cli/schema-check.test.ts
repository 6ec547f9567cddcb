/**
 * Issue 16: the CI step that compares the composed supergraph with the base's. A
 * removed field or a newly required argument is breaking; an added field is not; the
 * federation machinery is not compared; no base means "no base to compare", a pass.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { baseCommit, compareSupergraphs } from '../../scripts/schema-check';

const ROOT = path.resolve(__dirname, '../..');
const BEFORE = `
  directive @join__field(graph: join__Graph) on FIELD_DEFINITION
  enum join__Graph { JUSO @join__graph(name: "juso") }
  directive @join__graph(name: String!) on ENUM_VALUE
  type Query { person(id: ID!): Person }
  type Person { id: ID! name: String kana: String }
`;

describe('schema check', () => {
  it('finds a removed field and a required argument breaking, an added field not', async () => {
    const after = BEFORE.replace('kana: String', 'age: Int').replace(
      'person(id: ID!)',
      'person(id: ID!, at: String!)',
    );
    const { breaking, other } = await compareSupergraphs(BEFORE, after);
    expect(breaking.map((c) => c.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("'kana' was removed"),
        expect.stringContaining("'at: String!' added"),
      ]),
    );
    expect(other.map((c) => c.message)).toEqual([expect.stringContaining("'age' was added")]);
  });

  it('leaves the federation machinery out', async () => {
    const after = BEFORE.replace('JUSO @join__graph(name: "juso")', 'JUSO @join__graph(name: "juso") KAIGO');
    expect(await compareSupergraphs(BEFORE, after)).toEqual({ breaking: [], other: [] });
  });

  it('has no base when the named base does not exist, and then passes', async () => {
    expect(baseCommit({ SCHEMA_BASE: 'no-such-ref-anywhere' })).toBeNull();
    const { stdout } = await promisify(execFile)(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      [path.join(ROOT, 'scripts/schema-check.ts')],
      { cwd: ROOT, env: { ...process.env, SCHEMA_BASE: 'no-such-ref-anywhere' } },
    );
    expect(stdout).toContain('no base to compare');
  }, 60_000);
});
