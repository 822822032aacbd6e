/** Text echoed back to a terminal (file names, arguments, problems) must not carry terminal escapes. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, 300);
}
