// Splits what a person typed after the command into words; "double quotes" keep words together.
export function tokenize(text: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|“([^”]*)”|(\S+)/g;
  for (const match of text.matchAll(pattern)) {
    words.push(match[1] ?? match[2] ?? match[3]!);
  }
  return words;
}
