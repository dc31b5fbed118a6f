// Fitting text into a platform's length limits without cutting silently.
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
