// Type-checked with tsc --noEmit: the .d.ts must accept exactly what the engine accepts.
import init, { allowedDowntime, version } from "opscore";
import type { AllowedDowntime, AllowedDowntimeInput, DowntimeConvention, OpscoreError, Timestamp } from "opscore";

export async function example(): Promise<number> {
  await init();
  const convention: DowntimeConvention = "days30";
  const start: Timestamp = "2026-02-01T00:00:00Z";
  const input: AllowedDowntimeInput = { target: 0.999, convention, period: { start, end: 1772323200000 } };
  const table: AllowedDowntime = allowedDowntime(input);
  const seconds: number = table.month.allowedSeconds + (table.period?.allowedSeconds ?? 0);
  const v: string = version();
  try {
    allowedDowntime({ target: 1 });
  } catch (e) {
    const err = e as OpscoreError;
    const code: "out_of_range" | string = err.code;
    return code.length + err.path.length + v.length;
  }
  return seconds;
}

// @ts-expect-error: an unknown convention is a type error.
allowedDowntime({ target: 0.9, convention: "lunar" });
// @ts-expect-error: the target is required.
allowedDowntime({});
