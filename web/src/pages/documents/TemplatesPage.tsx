/** /documentos/modelos (`documentos:templates`) — the company's template per kind of document. */
import { Anchor, Group, Stack, Tabs } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { DocKind } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { QueryBoundary } from '../../components/QueryBoundary';
import { isKind } from './documentRules';
import { useDocumentTemplates } from './documentsApi';
import { TemplateEditor } from './TemplateEditor';

export default function TemplatesPage() {
  const templates = useDocumentTemplates();
  const [params, setParams] = useSearchParams();
  const kind: DocKind = isKind(params.get('tipo')) ? (params.get('tipo') as DocKind) : 'proposta';
  const [drafts, setDrafts] = useState<Partial<Record<DocKind, string>>>({});
  const items = templates.data?.items ?? [];

  return (
    <Stack gap={0} data-testid="document-templates">
      <Anchor component={Link} to="/documentos" size="sm" mb="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Documentos
        </Group>
      </Anchor>
      <PageHeader
        title="Modelos de documento"
        description="O texto de cada tipo de documento, com os campos preenchidos com os dados do cliente, da empresa e dos itens."
      />
      <QueryBoundary query={templates}>
        <Tabs value={kind} onChange={(value) => value && setParams({ tipo: value }, { replace: true })} keepMounted={false}>
          <Tabs.List mb="md">
            {items.map((t) => (
              <Tabs.Tab key={t.kind} value={t.kind} data-testid={`template-kind-${t.kind}`}>
                {t.kind_label}
                {drafts[t.kind] !== undefined && drafts[t.kind] !== t.body ? ' •' : ''}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {items.map((t) => (
            <Tabs.Panel key={t.kind} value={t.kind}>
              <TemplateEditor
                template={t}
                placeholders={templates.data?.placeholders ?? []}
                draft={drafts[t.kind] ?? t.body}
                onDraft={(body) => setDrafts((current) => ({ ...current, [t.kind]: body }))}
              />
            </Tabs.Panel>
          ))}
        </Tabs>
      </QueryBoundary>
    </Stack>
  );
}
