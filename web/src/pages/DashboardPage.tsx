import { Anchor, Card, List, SimpleGrid, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMe } from '../auth/MeContext';
import { PageHeader } from '../components/PageHeader';
import { visibleMenu } from '../layout/menu';

export function DashboardPage() {
  const me = useMe();
  const firstName = me.user.name.trim().split(/\s+/)[0] ?? me.user.name;
  const shortcuts = visibleMenu(me).filter((entry) => entry.path !== '/');

  return (
    <>
      <PageHeader title="Dashboard" />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder radius="md" padding="lg" data-testid="dashboard-welcome">
          <Title order={3} mb="xs">
            Olá, {firstName}!
          </Title>
          <Text size="sm" c="dimmed">
            Você acessa o sistema como {me.role_label}
            {me.tenant ? `, na empresa ${me.tenant.name}` : ''}.
          </Text>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Title order={4} mb="xs">
            Indicadores
          </Title>
          <Text size="sm" c="dimmed">
            Os indicadores de vendas e atendimento aparecerão aqui quando os módulos Clientes e Funil forem
            liberados.
          </Text>
        </Card>
        {shortcuts.length > 0 ? (
          <Card withBorder radius="md" padding="lg">
            <Title order={4} mb="xs">
              Acesso rápido
            </Title>
            <List size="sm" spacing={4}>
              {shortcuts.map((entry) => (
                <List.Item key={entry.key}>
                  <Anchor component={Link} to={entry.path}>
                    {entry.label}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </Card>
        ) : null}
      </SimpleGrid>
    </>
  );
}
