/** The supergraph in use is the composition of the subgraphs' schema files, and keeps @sensitive. */
import fs from 'node:fs';
import { composeSupergraph, loadSupergraph, SUPERGRAPH_FILE } from '../../gateway/compose';
import { indexSupergraph } from '../../gateway/enforcement/sensitivity';

describe('supergraph', () => {
  it('composes without errors and the committed file is current', () => {
    expect(() => loadSupergraph()).not.toThrow();
    expect(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
  });

  it('carries every sensitivity mark the subgraphs declare', () => {
    const index = indexSupergraph(composeSupergraph());
    const marks = [...index.entries()].flatMap(([type, fields]) =>
      [...fields.entries()]
        .filter(([, f]) => f.sensitivity)
        .map(([name, f]) => `${type}.${name}:${f.sensitivity}`),
    );
    expect(marks.sort()).toEqual([
      'KaigoRecord.address:ADDRESS',
      'KodomoRecord.address:ADDRESS',
      'KodomoRecord.childProtection:CHILD_PROTECTION',
      'KonkyuRecord.taxStatus:TAX',
      'Person.address:ADDRESS',
    ]);
  });

  it('hides the gateway-only access facts from the public API', async () => {
    const { ApolloGateway } = await import('@apollo/gateway');
    const gateway = new ApolloGateway({ supergraphSdl: composeSupergraph() });
    const { schema } = await gateway.load();
    expect(schema?.getQueryType()?.getFields()._accessFacts).toBeUndefined();
    await gateway.stop();
  });
});
