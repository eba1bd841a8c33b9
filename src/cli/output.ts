import type { GlobalOptions } from './client';

/** Prints a result: the record as JSON with --json, else the human form. */
export function print<T>(options: GlobalOptions, value: T, human: (value: T) => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(value, null, 2)}\n` : `${human(value)}\n`);
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new Error(`"${value}" is not a whole number`);
  return parsed;
}
