import { main } from '../run';
import { kodomoSilo } from './silo';

main(kodomoSilo);
