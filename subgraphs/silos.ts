/**
 * THE list of silos. Adding one is a folder (subgraphs/<silo>/ with its silo.ts) and
 * one line in ALL_SILOS, then `npm run silos` for what cannot import this list (docs/SILOS.md).
 */
import { anySilo } from '../shared/silo/define';
import type { Silo } from '../shared/silo/define';
import { kaigoSilo } from './kaigo/silo';
import { kodomoSilo } from './kodomo/silo';
import { konkyuSilo } from './konkyu/silo';
import { shogaiSilo } from './shogai/silo';

/** In the order of the generated lists (WELFARE_FIELDS, the dashboard's columns). */
export const ALL_SILOS: readonly Silo[] = [
  anySilo(kaigoSilo),
  anySilo(shogaiSilo),
  anySilo(kodomoSilo),
  anySilo(konkyuSilo),
];
