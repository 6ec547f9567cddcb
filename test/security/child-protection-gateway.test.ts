/**
 * The gateway's half of leak 6 (issue 12): whatever the kodomo silo answers, a record of
 * a child registered with the 要対協 leaves the gateway only under a CHILD_PROTECTION
 * grant. The silo's answers here are made up, as a silo with a bug would send them.
 */
import type { GraphQLFormattedError } from 'graphql';
import { WITHHELD_MESSAGES } from '../../shared/access/errors';
import type { Grants } from '../../shared/auth/gateway-credential';
import { loadSupergraph } from '../../gateway/compose';
import { enforceSiloResponse } from '../../gateway/enforcement/enforce';
import { analyseEntityFetch } from '../../gateway/enforcement/entity-fetch';
import { indexSupergraph } from '../../gateway/enforcement/sensitivity';
import { recordAttack } from '../support/security-summary';

const index = indexSupergraph(loadSupergraph());
const FETCH = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Person { k: kodomo { caseNumber consultations { summary } cp: childProtection { category } } } } }`;
const plan = analyseEntityFetch(FETCH, index, ['kodomo']);
const ON_CONSENT: Grants[string] = { GENERAL: 'ALLOW', CHILD_PROTECTION: 'FORBIDDEN' };

const registered = () => ({
  k: {
    caseNumber: 'K10-0302',
    consultations: [{ summary: '父の介助を担っている' }],
    cp: { category: 'REQUIRES_SUPPORT' },
  },
});

it('a record holding registration data it was not granted is withheld whole, not only that field', () => {
  const data = { _entities: [registered()] };
  const errors: GraphQLFormattedError[] = [
    { message: 'silo detail', path: ['_entities', 0, 'k', 'consultations', 0, 'summary'] },
  ];
  const withheld = enforceSiloResponse(data, errors, 'KODOMO', ['P-302'], plan, { 'P-302': ON_CONSENT });
  const leaked = JSON.stringify({ data, errors }).includes('父の介助');
  recordAttack('child protection: a silo that answered a registered record on consent', leaked);
  expect(data._entities[0]).toEqual({ k: null });
  expect(errors).toEqual([
    { message: WITHHELD_MESSAGES.FORBIDDEN, path: ['_entities', 0, 'k'], extensions: { code: 'FORBIDDEN' } },
  ]);
  expect(withheld).toEqual([{ personId: 'P-302', cls: 'CHILD_PROTECTION', code: 'FORBIDDEN' }]);
});

it('a record the silo withheld under the class is reported so, its message by code alone', () => {
  const data = { _entities: [{ k: null }] };
  const errors: GraphQLFormattedError[] = [
    { message: 'anything', path: ['_entities', 0, 'k'], extensions: { code: 'FORBIDDEN' } },
  ];
  const withheld = enforceSiloResponse(data, errors, 'KODOMO', ['P-501'], plan, { 'P-501': ON_CONSENT });
  expect(errors).toEqual([
    { message: WITHHELD_MESSAGES.FORBIDDEN, path: ['_entities', 0, 'k'], extensions: { code: 'FORBIDDEN' } },
  ]);
  expect(withheld).toEqual([{ personId: 'P-501', cls: 'CHILD_PROTECTION', code: 'FORBIDDEN' }]);
});

it('a grant that lacks the class is no grant: deny by default', () => {
  const data = { _entities: [registered()] };
  const errors: GraphQLFormattedError[] = [];
  enforceSiloResponse(data, errors, 'KODOMO', ['P-302'], plan, { 'P-302': { GENERAL: 'ALLOW' } });
  expect(data._entities[0]).toEqual({ k: null });
  expect(errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
});

it('a record that is not registered passes, minus the registration field; granted, all of it passes', () => {
  const child = () => ({ k: { caseNumber: 'K21-0203', consultations: [{ summary: '発達相談' }], cp: null } });
  const data = { _entities: [child(), registered()] };
  const errors: GraphQLFormattedError[] = [];
  const withheld = enforceSiloResponse(data, errors, 'KODOMO', ['P-203', 'P-302'], plan, {
    'P-203': ON_CONSENT,
    'P-302': { GENERAL: 'ALLOW', CHILD_PROTECTION: 'ALLOW' },
  });
  expect(withheld).toEqual([]);
  expect(data._entities).toEqual([{ k: { ...child().k, cp: null } }, registered()]);
  expect(errors).toEqual([
    {
      message: WITHHELD_MESSAGES.FORBIDDEN,
      path: ['_entities', 0, 'k', 'cp'],
      extensions: { code: 'FORBIDDEN' },
    },
  ]);
});
