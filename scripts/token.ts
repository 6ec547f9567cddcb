/** `npm run --silent token -- <staff id>`: prints a demo-town token for that staff member. */
import { mintDevToken } from '../town/dev-idp';
import { quietOnClosedPipe, writeOut } from './output';

quietOnClosedPipe();

const staffId = process.argv[2];
if (!staffId) {
  console.error('usage: npm run --silent token -- <staff id>   (e.g. s-kita-01)');
  process.exitCode = 2;
} else {
  // exitCode, not exit(): the output reaches a pipe whole (scripts/output.ts).
  mintDevToken(staffId)
    .then((token) => writeOut(`${token}\n`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
