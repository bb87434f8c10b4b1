/** Calendário: a month grid with each day's schedules (São Paulo days); click a day to list them. */
import { ActionIcon, Alert, Badge, Box, Button, Group, Loader, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import type { Schedule } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { dayLabel, spParts, spToday } from '../../lib/datetime';
import { WEEKDAYS, groupByDay, monthGrid, monthLabel, monthOf, monthRange, shiftMonth } from './calendar';
import { statusBadge, targetLabel } from './scheduleRules';
import { useAllSchedules, type ScheduleFilters } from './schedulesApi';
import { ScheduleTable, type ScheduleHandlers } from './ScheduleTable';

interface Props extends ScheduleHandlers {
  filters: Pick<ScheduleFilters, 'status' | 'channel'>;
}

const MAX_LINES = 3;

function DayCell({ day, items, inMonth, isToday, selected, compact, onSelect }: {
  day: string;
  items: Schedule[];
  inMonth: boolean;
  isToday: boolean;
  selected: boolean;
  compact: boolean;
  onSelect: () => void;
}) {
  return (
    <UnstyledButton
      onClick={onSelect}
      aria-label={`${dayLabel(day)}: ${items.length} agendamento(s)`}
      aria-pressed={selected}
      data-testid={`calendar-day-${day}`}
      data-count={items.length}
      style={{
        minHeight: compact ? 52 : 96,
        padding: 4,
        borderRight: '1px solid var(--mantine-color-gray-3)',
        borderBottom: '1px solid var(--mantine-color-gray-3)',
        background: selected ? 'var(--mantine-color-blue-0)' : inMonth ? undefined : 'var(--mantine-color-gray-0)',
        display: 'flex',
        flexDirection: 'column',
        gap: 2,
        minWidth: 0,
        overflow: 'hidden',
      }}
    >
      <Text
        size="xs"
        fw={isToday ? 700 : 500}
        c={!inMonth ? 'dimmed' : isToday ? 'blue' : undefined}
        style={isToday ? { textDecoration: 'underline' } : undefined}
      >
        {Number(day.slice(8, 10))}
      </Text>
      {compact ? (
        items.length > 0 ? (
          <Badge size="xs" circle color={items.some((s) => s.status === 'erro') ? 'red' : 'blue'}>
            {items.length}
          </Badge>
        ) : null
      ) : (
        <>
          {items.slice(0, MAX_LINES).map((s) => (
            <Text key={s.id} size="xs" truncate c={statusBadge(s).color === 'gray' ? 'dimmed' : statusBadge(s).color}>
              {spParts(s.send_at)?.time} {targetLabel(s)}
            </Text>
          ))}
          {items.length > MAX_LINES ? (
            <Text size="xs" c="dimmed">
              +{items.length - MAX_LINES} mais
            </Text>
          ) : null}
        </>
      )}
    </UnstyledButton>
  );
}

export function ScheduleCalendar({ filters, ...handlers }: Props) {
  const today = spToday();
  const compact = useMediaQuery('(max-width: 48em)') ?? false;
  const [month, setMonth] = useState(monthOf(today));
  const [selected, setSelected] = useState<string | null>(today);
  const range = monthRange(month);
  const query = useAllSchedules({ ...filters, date_from: range.from, date_to: range.to });
  const byDay = groupByDay(query.data?.items ?? [], (s) => s.send_at);
  const selectedItems = selected ? (byDay.get(selected) ?? []) : [];

  const go = (delta: number) => {
    const next = shiftMonth(month, delta);
    setMonth(next);
    setSelected(monthOf(today) === next ? today : null);
  };

  return (
    <Stack gap="sm" data-testid="schedule-calendar">
      <Group justify="space-between" wrap="nowrap">
        <Group gap={4} wrap="nowrap">
          <ActionIcon variant="default" onClick={() => go(-1)} aria-label="Mês anterior" data-testid="calendar-prev">
            <IconChevronLeft size={16} />
          </ActionIcon>
          <ActionIcon variant="default" onClick={() => go(1)} aria-label="Próximo mês" data-testid="calendar-next">
            <IconChevronRight size={16} />
          </ActionIcon>
          <Title order={4} ml="xs" data-testid="calendar-month">
            {monthLabel(month)}
          </Title>
          {query.isFetching ? <Loader size="xs" ml="xs" aria-label="Carregando" /> : null}
        </Group>
        <Button variant="subtle" size="xs" onClick={() => (setMonth(monthOf(today)), setSelected(today))}>
          Hoje
        </Button>
      </Group>
      <ErrorAlert error={query.isError ? query.error : null} />
      {query.data && !query.data.complete ? (
        <Alert color="yellow" variant="light">
          Este mês tem agendamentos demais para mostrar de uma vez; use os filtros para ver todos.
        </Alert>
      ) : null}
      <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
        <Box style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', borderLeft: '1px solid var(--mantine-color-gray-3)' }}>
          {WEEKDAYS.map((name) => (
            <Text
              key={name}
              size="xs"
              fw={600}
              c="dimmed"
              ta="center"
              py={4}
              style={{ borderRight: '1px solid var(--mantine-color-gray-3)', borderBottom: '1px solid var(--mantine-color-gray-3)' }}
            >
              {name}
            </Text>
          ))}
          {monthGrid(month)
            .flat()
            .map((day) => (
              <DayCell
                key={day}
                day={day}
                items={byDay.get(day) ?? []}
                inMonth={monthOf(day) === month}
                isToday={day === today}
                selected={day === selected}
                compact={compact}
                onSelect={() => setSelected(day)}
              />
            ))}
        </Box>
      </Paper>
      {selected ? (
        <Stack gap="xs" data-testid="calendar-day-list">
          <Title order={5}>
            {dayLabel(selected)} · {selectedItems.length === 0 ? 'nenhum agendamento' : `${selectedItems.length} agendamento(s)`}
          </Title>
          {selectedItems.length > 0 ? <ScheduleTable rows={selectedItems} testId="calendar-day-table" {...handlers} /> : null}
        </Stack>
      ) : null}
    </Stack>
  );
}
