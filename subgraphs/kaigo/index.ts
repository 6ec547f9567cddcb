import { main } from '../run';

main('kaigo');
