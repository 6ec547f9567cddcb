import { main } from '../run';
import { konkyuSilo } from './silo';

main(konkyuSilo);
