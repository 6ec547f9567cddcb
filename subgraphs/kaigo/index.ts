import { main } from '../run';
import { kaigoSilo } from './silo';

main(kaigoSilo);
