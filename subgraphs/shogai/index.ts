import { main } from '../run';

main('shogai');
