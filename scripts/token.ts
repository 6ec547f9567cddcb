/** `npm run --silent token -- <staff id>`: prints a demo-town token for that staff member. */
import { mintDevToken } from '../shared/auth/dev-idp';

const staffId = process.argv[2];
if (!staffId) {
  console.error('usage: npm run --silent token -- <staff id>   (e.g. s-kita-01)');
  process.exit(2);
}
mintDevToken(staffId)
  .then((token) => console.log(token))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
