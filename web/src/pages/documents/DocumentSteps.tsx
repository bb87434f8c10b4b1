/** Where the document is: Montar -> Revisar -> Gerar PDF -> Enviar. */
import { Stepper, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { Doc } from '../../api/types';

export function stepOf(doc: Pick<Doc, 'status'> | null): number {
  if (!doc) return 0;
  if (doc.status === 'enviado') return 4;
  if (doc.status === 'gerado') return 3;
  return 1;
}

const LABELS = ['Montar', 'Revisar', 'Gerar PDF', 'Enviar'];

export function DocumentSteps({ active }: { active: number }) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  if (isPhone) {
    // Four steps do not fit a phone's width: one line says where the document is.
    return (
      <Text size="sm" c="dimmed" mb="md" data-testid="document-steps" data-step={active}>
        {active >= LABELS.length ? 'Concluído: documento enviado' : `Passo ${active + 1} de ${LABELS.length} · ${LABELS[active]}`}
      </Text>
    );
  }
  return (
    <Stepper active={active} size="xs" mb="lg" allowNextStepsSelect={false} data-testid="document-steps" data-step={active}>
      <Stepper.Step label="Montar" description="Cliente e itens" />
      <Stepper.Step label="Revisar" description="Dados e valores" />
      <Stepper.Step label="Gerar PDF" />
      <Stepper.Step label="Enviar" description="E-mail ou WhatsApp" />
    </Stepper>
  );
}
