import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

function StatusPage({ title, text, testId, withHomeLink = true }: { title: string; text: string; testId: string; withHomeLink?: boolean }) {
  return (
    <Stack align="flex-start" maw={560} py="xl" data-testid={testId}>
      <Title order={2}>{title}</Title>
      <Text c="dimmed">{text}</Text>
      {withHomeLink ? (
        <Button component={Link} to="/" variant="light">
          Voltar ao início
        </Button>
      ) : null}
    </Stack>
  );
}

export function ForbiddenPage() {
  return (
    <StatusPage
      title="Acesso não permitido"
      text="Você não tem permissão para acessar esta página, ou o módulo não faz parte do plano da sua empresa. Se precisar de acesso, fale com o administrador."
      testId="forbidden"
    />
  );
}

export function NotFoundPage() {
  return <StatusPage title="Página não encontrada" text="O endereço acessado não existe." testId="not-found" />;
}

export function NoModulesPage() {
  return (
    <StatusPage
      title="Nenhum módulo disponível"
      text="Seu usuário ainda não tem acesso a nenhum módulo. Fale com o administrador da sua empresa."
      testId="no-modules"
      withHomeLink={false}
    />
  );
}
