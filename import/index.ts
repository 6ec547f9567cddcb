/**
 * The import engine: agencies' CSV exports into their silo's store, and identity
 * linking. It also hands on what silos declare their imports with (shared/import/),
 * so the commands and tests have one place to import from.
 */
export * from '../shared/import';
export * from './encoding';
export * from './engine';
export * from './links';
export * from './mapping';
export * from './residents';
