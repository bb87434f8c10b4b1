/** The template editor's small rules: inserting a placeholder at the cursor, and the line of an error. */

/** `{{ cliente.nome }}` inserted where the cursor is (replacing a selection); the cursor goes after it. */
export function insertPlaceholder(text: string, placeholder: string, start?: number | null, end?: number | null): { text: string; cursor: number } {
  const token = `{{ ${placeholder} }}`;
  const from = start ?? text.length;
  const to = end ?? from;
  return { text: text.slice(0, from) + token + text.slice(to), cursor: from + token.length };
}

/** "… na linha 12 …" / "(linha 3)" -> 12 / 3; lines "do HTML gerado" are not the template's. */
export function errorLine(message: string | null | undefined): number | null {
  if (!message) return null;
  const pattern = /linha (\d+)(?!\d)/g;
  for (const match of message.matchAll(pattern)) {
    const after = message.slice((match.index ?? 0) + match[0].length);
    if (!after.startsWith(' do HTML gerado')) return Number(match[1]);
  }
  return null;
}

/** Where line `n` (1-based) starts and ends in `text`, to select it in the textarea. */
export function lineRange(text: string, n: number): { start: number; end: number } {
  const lines = text.split('\n');
  const index = Math.min(Math.max(n, 1), lines.length) - 1;
  const start = lines.slice(0, index).reduce((sum, line) => sum + line.length + 1, 0);
  return { start, end: start + (lines[index]?.length ?? 0) };
}

/** Groups placeholders by what comes before the first dot ("cliente", "empresa", ...; "outros" for the rest). */
export function groupPlaceholders<T extends { placeholder: string }>(items: readonly T[]): { group: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = item.placeholder.includes('.') ? item.placeholder.split('.')[0]! : 'geral';
    groups.set(group, [...(groups.get(group) ?? []), item]);
  }
  return [...groups.entries()].map(([group, list]) => ({ group, items: list }));
}

/** "Variável desconhecida … (linha 3). Use: {{ a }}, {{ b }}…" -> the problem, and the list of suggestions apart. */
export function splitErrorHint(message: string): { main: string; hint: string | null } {
  const at = message.indexOf(' Use: ');
  return at < 0 ? { main: message, hint: null } : { main: message.slice(0, at), hint: message.slice(at + 1) };
}
