import { Button, Drawer, Group, Select, Stack, TextInput } from '@mantine/core';
import type { SetURLSearchParams } from 'react-router';
import { ORIGINS, STAGE_OPTIONS } from '../../domain/crm';
import { DateField } from '../../components/MaskedInput';
import { brDateToIso, isoToBrDate } from '../../lib/masks';
import { useState } from 'react';
import { withParam } from './filters';
import { useCustomFields, useUserOptions } from './clientsApi';

interface Props {
  opened: boolean;
  onClose: () => void;
  params: URLSearchParams;
  setParams: SetURLSearchParams;
}

/** Etapa, responsável, origem, campanha, tag, período de cadastro and the choice custom fields. */
export function ClientFiltersDrawer({ opened, onClose, params, setParams }: Props) {
  const users = useUserOptions();
  const customFields = useCustomFields();
  const choiceFields = (customFields.data?.items ?? []).filter((field) => field.type === 'choice' && field.key);
  const [resetKey, setResetKey] = useState(0);
  const set = (key: string, value: string | null) => setParams((current) => withParam(current, key, value), { replace: true });

  return (
    <Drawer opened={opened} onClose={onClose} title="Filtros" position="right" size="sm">
      <Stack data-testid="clients-filters" key={resetKey}>
        <Select label="Etapa" data={STAGE_OPTIONS} clearable allowDeselect value={params.get('stage')} onChange={(v) => set('stage', v)} />
        {users ? (
          <Select
            label="Responsável"
            data={users}
            clearable
            searchable
            allowDeselect
            value={params.get('owner_id')}
            onChange={(v) => set('owner_id', v)}
          />
        ) : null}
        <Select label="Origem" data={ORIGINS} clearable allowDeselect value={params.get('origin')} onChange={(v) => set('origin', v)} />
        <LazyText label="Campanha" value={params.get('campaign') ?? ''} onCommit={(v) => set('campaign', v)} />
        <LazyText label="Tag" value={params.get('tag') ?? ''} onCommit={(v) => set('tag', v)} />
        <Group grow>
          <LazyDate label="Cadastro de" value={params.get('created_from')} onCommit={(v) => set('created_from', v)} />
          <LazyDate label="Cadastro até" value={params.get('created_to')} onCommit={(v) => set('created_to', v)} />
        </Group>
        {choiceFields.map((field) => (
          <Select
            key={field.key}
            label={field.label}
            data={field.options}
            clearable
            allowDeselect
            value={params.get(`cf.${field.key}`)}
            onChange={(v) => set(`cf.${field.key}`, v)}
          />
        ))}
        <Group justify="space-between">
          <Button
            variant="default"
            onClick={() => {
              setResetKey((k) => k + 1);
              setParams(
                (current) => {
                  const next = new URLSearchParams();
                  for (const key of ['q', 'sort', 'archived']) {
                    const value = current.get(key);
                    if (value) next.set(key, value);
                  }
                  return next;
                },
                { replace: true },
              );
            }}
          >
            Limpar filtros
          </Button>
          <Button onClick={onClose}>Ver resultados</Button>
        </Group>
      </Stack>
    </Drawer>
  );
}

/** Text filter applied on blur / Enter (not on every key). */
function LazyText({ label, value, onCommit }: { label: string; value: string; onCommit: (value: string | null) => void }) {
  const [text, setText] = useState(value);
  const commit = () => onCommit(text.trim() || null);
  return (
    <TextInput
      label={label}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
    />
  );
}

function LazyDate({ label, value, onCommit }: { label: string; value: string | null; onCommit: (iso: string | null) => void }) {
  const [text, setText] = useState(isoToBrDate(value));
  return (
    <DateField
      label={label}
      value={text}
      onChange={(next) => {
        setText(next);
        const iso = brDateToIso(next);
        if (iso !== undefined) onCommit(iso);
      }}
    />
  );
}
