/**
 * Fixed-point formatting as Python's `"{:.{d}f}".format(x)`, which the imbalanced-learn report and the
 * paper's tables use. JavaScript's `toFixed` differs on exact ties: 0.125 to two digits is "0.13" in
 * JavaScript and "0.12" in Python (round half to even on the exact binary value). Ties are only
 * possible for values with short binary expansions (k / 2^m), which metric values often are.
 */

/** `x` with `digits` decimals, rounded like Python (half to even on the exact value). */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) throw new Error(`formatFixed: digits must be an integer in 0..20; got ${digits}`);
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const rounded = x.toFixed(digits);
  if (Math.abs(x) >= 1e21) return rounded;
  // toFixed(100) is the exact decimal expansion for every double with at most 100 fraction digits,
  // which covers all values whose rounding can be a tie at <= 20 digits.
  const exact = Math.abs(x).toFixed(100);
  const point = exact.indexOf(".");
  const tail = exact.slice(point + 1 + digits);
  if (!/^50*$/.test(tail)) return rounded;
  // Exact tie: toFixed rounded away from zero; keep the truncated value if its last digit is even.
  const truncated = exact.slice(0, digits === 0 ? point : point + 1 + digits);
  const lastDigit = Number(truncated[truncated.length - 1]);
  if (lastDigit % 2 === 1) return rounded;
  const sign = x < 0 ? "-" : "";
  return sign + truncated;
}

/** Python's `str(x)` for the numbers a report prints: integers plain, other floats shortest round-trip. */
export function formatPythonNumber(x: number, isFloat: boolean): string {
  if (Number.isInteger(x)) return isFloat ? `${x}.0` : `${x}`;
  return String(x);
}
