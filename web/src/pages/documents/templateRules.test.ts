import { describe, expect, it } from 'vitest';
import { errorLine, groupPlaceholders, insertPlaceholder, lineRange } from './templateRules';

describe('template editor rules', () => {
  it('inserts a placeholder at the cursor, replacing the selection', () => {
    expect(insertPlaceholder('<p>Olá, !</p>', 'cliente.nome', 8, 8)).toEqual({ text: '<p>Olá, {{ cliente.nome }}!</p>', cursor: 26 });
    expect(insertPlaceholder('<p>X</p>', 'hoje', 3, 4)).toEqual({ text: '<p>{{ hoje }}</p>', cursor: 13 });
    expect(insertPlaceholder('abc', 'hoje')).toEqual({ text: 'abc{{ hoje }}', cursor: 13 });
  });

  it('finds the template line an error names', () => {
    expect(errorLine('O modelo tem um erro na linha 12: ...')).toBe(12);
    expect(errorLine('campo desconhecido (linha 3)')).toBe(3);
    expect(errorLine('a marcação <img> (linha 40 do HTML gerado) não é aceita no PDF')).toBeNull();
    expect(errorLine('Escreva o modelo do documento.')).toBeNull();
  });

  it('selects a whole line', () => {
    expect(lineRange('a\nbcd\ne', 2)).toEqual({ start: 2, end: 5 });
    expect(lineRange('a\nbcd\ne', 9)).toEqual({ start: 6, end: 7 });
  });

  it('groups placeholders by their first part', () => {
    const groups = groupPlaceholders([{ placeholder: 'hoje' }, { placeholder: 'cliente.nome' }, { placeholder: 'cliente.email' }]);
    expect(groups.map((g) => [g.group, g.items.length])).toEqual([
      ['geral', 1],
      ['cliente', 2],
    ]);
  });
});

describe('template errors', () => {
  it('keeps the problem apart from the long list of suggestions', async () => {
    const { splitErrorHint } = await import('./templateRules');
    expect(splitErrorHint('Variável desconhecida no modelo: cliente.x (linha 3). Use: {{ cliente.nome }}, {{ cliente.tipo }}.')).toEqual({
      main: 'Variável desconhecida no modelo: cliente.x (linha 3).',
      hint: 'Use: {{ cliente.nome }}, {{ cliente.tipo }}.',
    });
    expect(splitErrorHint('Escreva o modelo do documento.')).toEqual({ main: 'Escreva o modelo do documento.', hint: null });
  });
});
