import { Alert, Box, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconClockHour4 } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError, errorMessage } from '../api/errors';
import { login, useSession } from '../auth/session';
import { ErrorAlert } from '../components/ErrorAlert';
import { emailFormat, requiredText } from '../lib/forms';

export function LoginPage() {
  const { session, endReason } = useSession();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<{ message: string; lockout: boolean } | null>(null);
  const from = (location.state as { from?: string } | null)?.from;

  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: { email: emailFormat, password: requiredText('Informe sua senha.') },
  });

  const mutation = useMutation({
    mutationFn: (values: typeof form.values) => login(values.email.trim(), values.password),
    onMutate: () => setError(null),
    onSuccess: () => queryClient.removeQueries(),
    onError: (err) =>
      setError({ message: errorMessage(err), lockout: err instanceof ApiError && err.status === 429 }),
  });

  if (session) {
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={400}>
        <Stack gap="lg">
          <Stack gap={6} align="center">
            <ThemeIcon size={44} radius="md" aria-hidden>
              <Text fw={800} c="white">
                I+
              </Text>
            </ThemeIcon>
            <Title order={2} ta="center">
              Impacte+ Marketing
            </Title>
            <Text c="dimmed" size="sm" ta="center">
              Entre com seu e-mail e senha para acessar o sistema.
            </Text>
          </Stack>

          {endReason === 'expired' && !error ? (
            <Alert color="yellow" variant="light" data-testid="session-expired">
              Sua sessão expirou. Entre novamente para continuar.
            </Alert>
          ) : null}
          {error?.lockout ? (
            <Alert
              color="orange"
              variant="light"
              icon={<IconClockHour4 size={18} />}
              role="alert"
              data-testid="login-lockout"
            >
              {error.message}
            </Alert>
          ) : (
            <ErrorAlert message={error?.message} />
          )}

          <Box
            component="form"
            noValidate
            onSubmit={form.onSubmit((values) => mutation.mutate(values))}
            data-testid="login-form"
          >
            <Stack>
              <TextInput
                label="E-mail"
                type="email"
                autoComplete="username"
                placeholder="voce@empresa.com.br"
                required
                {...form.getInputProps('email')}
              />
              <PasswordInput label="Senha" autoComplete="current-password" required {...form.getInputProps('password')} />
              <Button type="submit" fullWidth loading={mutation.isPending}>
                Entrar
              </Button>
            </Stack>
          </Box>
        </Stack>
      </Paper>
    </Center>
  );
}
