import { Tabs } from '@mantine/core';
import { IconShieldLock, IconUsers } from '@tabler/icons-react';
import { PageHeader } from '../../components/PageHeader';
import { RolesTab } from './RolesTab';
import { UsersTab } from './UsersTab';

export default function UsersPage() {
  return (
    <>
      <PageHeader title="Usuários" description="Quem acessa o sistema da sua empresa e o que cada papel pode fazer." />
      <Tabs defaultValue="usuarios" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="usuarios" leftSection={<IconUsers size={16} />}>
            Usuários
          </Tabs.Tab>
          <Tabs.Tab value="papeis" leftSection={<IconShieldLock size={16} />}>
            Papéis e permissões
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="usuarios">
          <UsersTab />
        </Tabs.Panel>
        <Tabs.Panel value="papeis">
          <RolesTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
