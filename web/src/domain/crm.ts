/** Fixed catalogs of the CRM (keys as the API sends them, pt-BR labels). */

export const STAGES = [
  { key: 'novo_contato', label: 'Novo contato', color: 'blue' },
  { key: 'contato_com_resposta', label: 'Contato com resposta', color: 'cyan' },
  { key: 'em_atendimento', label: 'Em atendimento', color: 'teal' },
  { key: 'proposta_enviada', label: 'Proposta enviada', color: 'indigo' },
  { key: 'negociacao', label: 'Negociação', color: 'violet' },
  { key: 'fechado', label: 'Fechado', color: 'green' },
  { key: 'cliente_ativo', label: 'Cliente Ativo', color: 'lime' },
  { key: 'perdido', label: 'Perdido', color: 'red' },
  { key: 'nao_lead', label: 'Não lead', color: 'gray' },
] as const;

export type StageKey = (typeof STAGES)[number]['key'];

const STAGE_BY_KEY = new Map<string, (typeof STAGES)[number]>(STAGES.map((stage) => [stage.key, stage]));

export function stageLabel(key: string | null | undefined): string {
  return (key && STAGE_BY_KEY.get(key)?.label) || (key ?? '—');
}

export function stageColor(key: string | null | undefined): string {
  return (key && STAGE_BY_KEY.get(key)?.color) || 'gray';
}

export const STAGE_OPTIONS = STAGES.map((stage) => ({ value: stage.key, label: stage.label }));

export const ORIGINS = [
  { value: 'site', label: 'Site' },
  { value: 'whatsapp', label: 'WhatsApp' },
  { value: 'campanha', label: 'Campanha' },
  { value: 'indicacao', label: 'Indicação' },
  { value: 'cadastro_manual', label: 'Cadastro manual' },
  { value: 'importacao', label: 'Importação' },
  { value: 'outro', label: 'Outro' },
];

export function originLabel(key: string | null | undefined): string {
  return ORIGINS.find((origin) => origin.value === key)?.label ?? key ?? '—';
}

export const LEGAL_BASES = [
  { value: 'consentimento', label: 'Consentimento' },
  { value: 'execucao_contrato', label: 'Execução de contrato' },
  { value: 'legitimo_interesse', label: 'Legítimo interesse' },
  { value: 'obrigacao_legal', label: 'Obrigação legal' },
];

export function legalBasisLabel(key: string | null | undefined): string {
  return LEGAL_BASES.find((basis) => basis.value === key)?.label ?? key ?? '—';
}

export const CONSENT_STATUSES = [
  { value: 'granted', label: 'Concedido' },
  { value: 'revoked', label: 'Revogado' },
  { value: 'unknown', label: 'Não informado' },
];

export function consentLabel(key: string | null | undefined): string {
  return CONSENT_STATUSES.find((status) => status.value === key)?.label ?? 'Não informado';
}

export const UFS = [
  'AC', 'AL', 'AP', 'AM', 'BA', 'CE', 'DF', 'ES', 'GO', 'MA', 'MT', 'MS', 'MG', 'PA', 'PB', 'PR', 'PE', 'PI', 'RJ',
  'RN', 'RS', 'RO', 'RR', 'SC', 'SP', 'SE', 'TO',
];

export const CLIENT_TYPES = [
  { value: 'pf', label: 'Pessoa física' },
  { value: 'pj', label: 'Pessoa jurídica' },
];
