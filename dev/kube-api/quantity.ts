// resource.Quantity parsing and canonical form. Typed objects (the ResourceQuota the controller
// writes) store quantities canonicalized, e.g. "1000m" -> "1", "0.5" -> "500m", "1024Mi" -> "1Gi".

const QUANTITY_RE = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

type Format = "DecimalSI" | "BinarySI" | "DecimalExponent";

interface Parsed {
  negative: boolean;
  /** |value| = num / den exactly. */
  num: bigint;
  den: bigint;
  format: Format;
}

const pow = (base: bigint, exp: number): bigint => base ** BigInt(exp);

export function parseQuantity(input: string): Parsed | undefined {
  const m = QUANTITY_RE.exec(input);
  if (!m) return undefined;
  const [, sign = "", digits = "", suffix = ""] = m;
  const [intPart = "", fracPart = ""] = digits.split(".");
  let num = BigInt((intPart || "0") + fracPart);
  let den = pow(10n, fracPart.length);
  let format: Format = "DecimalSI";
  const binary = BINARY_SUFFIX.indexOf(suffix);
  if (suffix && binary > 0) {
    num *= pow(1024n, binary);
    format = "BinarySI";
  } else if (/^[eE]/.test(suffix)) {
    const exp = Number(suffix.slice(1));
    if (exp >= 0) num *= pow(10n, exp);
    else den *= pow(10n, -exp);
    format = "DecimalExponent";
  } else {
    const exp = DECIMAL_SUFFIX[suffix] ?? 0;
    if (exp >= 0) num *= pow(10n, exp);
    else den *= pow(10n, -exp);
  }
  return { negative: sign === "-", num, den, format };
}

function decimalForm(nanos: bigint, format: Format): string {
  let m = nanos;
  let exp = -9;
  while (m % 10n === 0n) {
    m /= 10n;
    exp++;
  }
  while (((exp % 3) + 3) % 3 !== 0) {
    m *= 10n;
    exp--;
  }
  if (format === "DecimalExponent") return exp === 0 ? `${m}` : `${m}e${exp}`;
  if (exp > 18) {
    m *= pow(10n, exp - 18);
    exp = 18;
  }
  const suffix = Object.entries(DECIMAL_SUFFIX).find(([, e]) => e === exp)?.[0] ?? "";
  return `${m}${suffix}`;
}

/** The canonical string the API server stores for a quantity; undefined when it does not parse. */
export function canonicalQuantity(input: string | number): string | undefined {
  const parsed = parseQuantity(String(input));
  if (!parsed) return undefined;
  const { negative, num, den } = parsed;
  // Quantities keep nano precision, rounding up what is finer.
  const nanos = (num * 1_000_000_000n + den - 1n) / den;
  if (nanos === 0n) return "0";
  const sign = negative ? "-" : "";
  const isInteger = num % den === 0n;
  if (parsed.format === "BinarySI" && isInteger && num / den >= 1024n) {
    const bytes = num / den;
    let k = 0;
    while (k < 6 && bytes % pow(1024n, k + 1) === 0n) k++;
    return `${sign}${bytes / pow(1024n, k)}${BINARY_SUFFIX[k]}`;
  }
  return sign + decimalForm(nanos, parsed.format === "DecimalExponent" ? "DecimalExponent" : "DecimalSI");
}

export function isNegativeQuantity(input: string | number): boolean {
  const parsed = parseQuantity(String(input));
  return parsed !== undefined && parsed.negative && parsed.num !== 0n;
}

/** Whether the quantity is a whole number (pods and object counts must be). */
export function isWholeQuantity(input: string | number): boolean {
  const parsed = parseQuantity(String(input));
  return parsed !== undefined && parsed.num % parsed.den === 0n;
}
