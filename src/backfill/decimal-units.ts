/**
 * Exact sums of SQL DECIMAL values. mysql2 returns DECIMAL as strings with the column's
 * fixed scale ("2100.00"); each is read as an integer count of 10^-scale units, so adding
 * millions of rows and dividing once gives the very number `Number(SUM(...))` gives per day.
 */
export class DecimalUnits {
  private scale: number | undefined;

  /** `value` as an integer of units; the first value fixes the scale. */
  units(value: string | number | null): number {
    if (value === null) return 0;
    const text = String(value);
    const point = text.indexOf('.');
    const fraction = point < 0 ? '' : text.slice(point + 1);
    this.scale ??= fraction.length;
    if (!/^-?\d+(\.\d*)?$/.test(text) || fraction.length > this.scale) {
      // Not a DECIMAL of this scale (a FLOAT column behind a view): rounded to the scale.
      return Math.round(Number(text) * 10 ** this.scale);
    }
    const whole = point < 0 ? text : text.slice(0, point);
    return Number(whole + fraction.padEnd(this.scale, '0'));
  }

  toNumber(units: number): number {
    return units / 10 ** (this.scale ?? 0);
  }
}
