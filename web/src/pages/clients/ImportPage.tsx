/** /clientes/importar — upload a CSV, map its columns, follow the import and read the report. */
import { Anchor, Button, Card, FileInput, Group, Stack, Stepper, Text } from '@mantine/core';
import { IconFileTypeCsv } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { QueryBoundary } from '../../components/QueryBoundary';
import { ImportMapping } from './ImportMapping';
import { ImportProgress } from './ImportProgress';
import { useImport, useUploadImport } from './importApi';

export default function ImportPage() {
  const [params, setParams] = useSearchParams();
  const id = params.get('id');
  const job = useImport(id);
  const step = !id ? 0 : job.data?.status === 'preview' ? 1 : 2;

  return (
    <>
      <PageHeader
        title="Importar clientes"
        description={
          <Anchor component={Link} to="/clientes">
            Voltar para Clientes
          </Anchor>
        }
      />
      <Stepper active={step} size="sm" mb="lg" allowNextStepsSelect={false}>
        <Stepper.Step label="Arquivo" description="Envie o CSV" />
        <Stepper.Step label="Colunas" description="Confira e associe" />
        <Stepper.Step label="Importação" description="Progresso e relatório" />
      </Stepper>
      {step === 0 ? (
        <UploadStep onUploaded={(newId) => setParams({ id: newId })} />
      ) : (
        <QueryBoundary query={job}>
          {job.data?.status === 'preview' ? <ImportMapping job={job.data} /> : null}
          {job.data && job.data.status !== 'preview' ? <ImportProgress job={job.data} onRestart={() => setParams({})} /> : null}
        </QueryBoundary>
      )}
    </>
  );
}

function UploadStep({ onUploaded }: { onUploaded: (id: string) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const upload = useUploadImport();
  return (
    <Card withBorder radius="md" padding="lg" maw={640} data-testid="import-upload">
      <Stack>
        <Text size="sm">
          Envie uma planilha em CSV (separada por vírgula ou ponto e vírgula, em UTF-8 ou Latin-1). A primeira linha deve
          ter os nomes das colunas; no próximo passo você confere a prévia e escolhe qual campo cada coluna preenche.
        </Text>
        <FileInput
          label="Arquivo CSV"
          placeholder="Escolher arquivo"
          accept=".csv,text/csv"
          leftSection={<IconFileTypeCsv size={16} />}
          value={file}
          onChange={setFile}
          clearable
          data-testid="import-file"
        />
        <ErrorAlert error={upload.error} />
        <Group justify="flex-end">
          <Button
            disabled={!file}
            loading={upload.isPending}
            onClick={() => file && upload.mutate(file, { onSuccess: (job) => onUploaded(job.id) })}
          >
            Enviar arquivo
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
