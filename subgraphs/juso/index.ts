import { main } from '../run';

main('juso');
