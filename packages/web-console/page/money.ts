/** US dollars per hour as the views show them: three decimals, or "< $0.001" for storage-only labs. */
export function usdPerHour(value: number): string {
  return value > 0 && value < 0.001 ? '< $0.001' : `$${value.toFixed(3)}`;
}
