import { describe, expect, it } from 'vitest';
import type { Client, CustomField } from '../../api/types';
import { allColumns, customFieldColumns, visibleColumns } from './columns';

const fields = [
  { key: 'segmento', label: 'Segmento', type: 'choice', options: ['Varejo'], required: false },
  { key: 'funcionarios', label: 'Funcionários', type: 'number', options: [], required: false },
  { key: 'fundacao', label: 'Fundação', type: 'date', options: [], required: false },
] as CustomField[];

const client = { custom_fields: { segmento: 'Varejo', funcionarios: 1200, fundacao: '2020-03-05' } } as unknown as Client;

describe('custom field columns', () => {
  it('become list columns formatted by type', () => {
    const columns = customFieldColumns(fields);
    expect(columns.map((c) => [c.key, c.header])).toEqual([
      ['cf.segmento', 'Segmento'],
      ['cf.funcionarios', 'Funcionários'],
      ['cf.fundacao', 'Fundação'],
    ]);
    expect(columns.map((c) => c.render(client))).toEqual(['Varejo', '1.200', '05/03/2020']);
  });

  it('show a dash when the client has no value', () => {
    const empty = { custom_fields: {} } as unknown as Client;
    expect(customFieldColumns(fields).map((c) => c.render(empty))).toEqual(['—', '—', '—']);
  });

  it('are chosen like the fixed columns', () => {
    expect(allColumns(fields).length).toBe(allColumns([]).length + 3);
    expect(visibleColumns(['cf.segmento'], fields).map((c) => c.key)).toEqual(['name', 'cf.segmento']);
  });
});
