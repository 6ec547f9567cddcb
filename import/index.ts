/** The import engine: agencies' CSV exports into their silo's store, and identity linking. */
export * from '../shared/import/dates';
export * from '../shared/import/definition';
export * from './encoding';
export * from './engine';
export * from '../shared/import/errors';
export * from '../shared/import/fields';
export * from './links';
export * from './mapping';
export * from '../shared/import/normalise';
export * from './residents';
export * from '../shared/import/history';
export * from '../shared/import/identity';
