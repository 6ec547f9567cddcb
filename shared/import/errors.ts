/**
 * Problems found while importing, each naming the file and the line so an agency can
 * fix its export. Every problem is collected; none stops the check of the rest.
 */

export interface ImportIssue {
  file: string;
  /** Physical line of the CSV (1 = the header), or null for a problem of the whole file. */
  line: number | null;
  /** The CSV header the value came from, when the problem is one value's. */
  column?: string;
  message: string;
}

export function formatIssue(issue: ImportIssue): string {
  const where = issue.line === null ? issue.file : `${issue.file}:${issue.line}`;
  const column = issue.column ? ` [${issue.column}]` : '';
  return `${where}${column}: ${issue.message}`;
}

/** A value that does not fit its field; the message is shown to the agency as is. */
export class FieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldError';
  }
}

/** A problem that makes the whole file (or the mapping) unusable, before any row is read. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly issues: ImportIssue[] = [],
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}
