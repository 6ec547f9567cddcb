// Prints the security suites' summary figure after the run (see security-summary.ts).
const fs = require('node:fs');
const path = require('node:path');

const FILE = path.resolve(__dirname, '../artifacts/security-summary.jsonl');

class SecurityReporter {
  onRunStart() {
    fs.rmSync(FILE, { force: true });
  }

  onRunComplete() {
    if (!fs.existsSync(FILE)) return;
    const entries = fs
      .readFileSync(FILE, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const attacks = entries.filter((e) => e.kind === 'attack');
    const faults = entries.filter((e) => e.kind === 'fault');
    const leaks = attacks.filter((e) => e.leaked);
    const survived = faults.filter((e) => e.survived);
    process.stdout.write(
      `\nSecurity summary: ${attacks.length} attacks tried, ${leaks.length} leaks found, ` +
        `${survived.length} of ${faults.length} faults survived\n`,
    );
    for (const e of leaks) process.stdout.write(`  LEAK: ${e.name}\n`);
    for (const e of faults.filter((f) => !f.survived))
      process.stdout.write(`  FAULT NOT SURVIVED: ${e.name}\n`);
  }
}

module.exports = SecurityReporter;
