import { main } from '../run';

main('konkyu');
