import { main } from '../run';
import { jusoService } from './server';

main(jusoService);
