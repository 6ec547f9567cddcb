/** Agencies' systems keep dates as YYYYMMDD; the graph speaks ISO 8601 (YYYY-MM-DD). */
export function isoDate(yyyymmdd: string): string {
  if (!/^\d{8}$/.test(yyyymmdd)) throw new Error(`not a YYYYMMDD date: ${yyyymmdd}`);
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

export function nativeDate(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`not an ISO date: ${iso}`);
  return iso.replaceAll('-', '');
}
