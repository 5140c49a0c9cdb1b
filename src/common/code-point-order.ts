/** Orders strings as `<` does, by UTF-16 code units: the same on every machine, whatever the locale or the source's collation. */
export function codePointOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
