import { main } from '../run';

main('kodomo');
