import { main } from '../run';
import { shogaiSilo } from './silo';

main(shogaiSilo);
