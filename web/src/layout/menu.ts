/**
 * The side menu, and the single source of truth for which routes a user may
 * visit: a route is allowed exactly when its entry is in the user's menu.
 */
import {
  IconBuilding,
  IconBuildingStore,
  IconCalendarEvent,
  IconChartBar,
  IconChecklist,
  IconCoin,
  IconFileText,
  IconHeadset,
  IconLayoutDashboard,
  IconLayoutKanban,
  IconBrandWhatsapp,
  IconPackages,
  IconPlugConnected,
  IconTags,
  IconRadar,
  IconReceipt2,
  IconSparkles,
  IconUserCog,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { Me } from '../api/types';
import { canUseModule, hasPermission } from '../auth/permissions';

/** Which page component renders the entry (see EntryRoute). */
export type PageKind =
  | 'dashboard'
  | 'clients'
  | 'funnel'
  | 'whatsapp'
  | 'integrations'
  | 'tasks'
  | 'schedules'
  | 'documents'
  | 'charges'
  | 'catalog'
  | 'company'
  | 'placeholder'
  | 'users'
  | 'tenants'
  | 'plans';

/** Modules that have their own pages (the rest show the generic placeholder). */
const MODULE_PAGES: Record<string, PageKind> = {
  dashboard: 'dashboard',
  clientes: 'clients',
  funil: 'funnel',
  whatsapp: 'whatsapp',
  integracoes: 'integrations',
  tarefas: 'tasks',
  agendamentos: 'schedules',
  documentos: 'documents',
  cobrancas: 'charges',
};

/** Modules whose page has sub-routes of its own (/clientes/:id, /documentos/novo, /cobrancas/:id, ...). */
const NESTED_MODULES = new Set(['clientes', 'documentos', 'cobrancas']);

export interface MenuEntry {
  /** Module key (for modules), or a stable id for the other pages. */
  key: string;
  label: string;
  path: string;
  icon: Icon;
  kind: PageKind;
  /** What the module will do, shown on its placeholder page. */
  summary?: string;
  /** The page has sub-routes of its own (e.g. /clientes/:id). */
  nested?: boolean;
  /** Shown indented under this module's entry (and only with it). */
  parent?: string;
}

const module = (key: string, label: string, path: string, icon: Icon, summary: string): MenuEntry => ({
  key,
  label,
  path,
  icon,
  kind: MODULE_PAGES[key] ?? 'placeholder',
  summary,
  nested: NESTED_MODULES.has(key),
});

export const MODULE_ENTRIES: readonly MenuEntry[] = [
  module('dashboard', 'Dashboard', '/', IconLayoutDashboard, 'Visão geral da empresa.'),
  module('clientes', 'Clientes', '/clientes', IconUsers, 'Cadastro de clientes e histórico de relacionamento.'),
  module('funil', 'Funil', '/funil', IconLayoutKanban, 'Oportunidades de venda organizadas por etapa.'),
  module('whatsapp', 'WhatsApp', '/whatsapp', IconBrandWhatsapp, 'Conversas com clientes pelo WhatsApp.'),
  module('agendamentos', 'Agendamentos', '/agendamentos', IconCalendarEvent, 'Mensagens de WhatsApp e e-mail agendadas.'),
  module('tarefas', 'Tarefas', '/tarefas', IconChecklist, 'Tarefas da equipe com prazos e responsáveis.'),
  module('financeiro', 'Financeiro', '/financeiro', IconCoin, 'Contas a pagar e a receber e fluxo de caixa.'),
  module('cobrancas', 'Cobranças', '/cobrancas', IconReceipt2, 'Emissão e acompanhamento de cobranças.'),
  module('documentos', 'Documentos', '/documentos', IconFileText, 'Propostas, contratos e outros documentos.'),
  module('ia', 'IA', '/ia', IconSparkles, 'Assistente de inteligência artificial para o dia a dia.'),
  module('radar', 'Radar de Venda', '/radar', IconRadar, 'Sinais de oportunidades de venda na sua carteira.'),
  module('relatorios', 'Relatórios', '/relatorios', IconChartBar, 'Relatórios de vendas, atendimento e finanças.'),
  module('integracoes', 'Integrações', '/integracoes', IconPlugConnected, 'Conexões com outros sistemas.'),
  module('suporte', 'Suporte', '/suporte', IconHeadset, 'Atendimento da equipe Impacte+.'),
];

/** Catálogo (plans, products, services): under Financeiro, for whoever may read the Financeiro module. */
export const CATALOG_ENTRY: MenuEntry = {
  key: 'catalogo',
  label: 'Catálogo',
  path: '/financeiro/catalogo',
  icon: IconTags,
  kind: 'catalog',
  parent: 'financeiro',
};

export const USERS_ENTRY: MenuEntry = {
  key: 'usuarios',
  label: 'Usuários',
  path: '/usuarios',
  icon: IconUserCog,
  kind: 'users',
};

/** Dados da empresa (what documents print about the company): with `usuarios:empresa`. */
export const COMPANY_ENTRY: MenuEntry = {
  key: 'empresa',
  label: 'Dados da empresa',
  path: '/empresa',
  icon: IconBuilding,
  kind: 'company',
};

export const MASTER_ENTRIES: readonly MenuEntry[] = [
  { key: 'master-empresas', label: 'Empresas', path: '/master/empresas', icon: IconBuildingStore, kind: 'tenants' },
  { key: 'master-planos', label: 'Planos', path: '/master/planos', icon: IconPackages, kind: 'plans' },
];

/** Every routable entry, for building the routes. */
export const ALL_ENTRIES: readonly MenuEntry[] = [...MODULE_ENTRIES, CATALOG_ENTRY, USERS_ENTRY, COMPANY_ENTRY, ...MASTER_ENTRIES];

export function visibleMenu(me: Me): MenuEntry[] {
  if (me.is_master) return [...MASTER_ENTRIES];
  const entries: MenuEntry[] = [];
  for (const entry of MODULE_ENTRIES) {
    if (!canUseModule(me, entry.key)) continue;
    entries.push(entry);
    if (entry.key === CATALOG_ENTRY.parent) entries.push(CATALOG_ENTRY);
  }
  if (hasPermission(me, 'usuarios:read')) entries.push(USERS_ENTRY);
  if (hasPermission(me, 'usuarios:empresa')) entries.push(COMPANY_ENTRY);
  return entries;
}

export function canVisit(me: Me, entry: MenuEntry): boolean {
  return visibleMenu(me).some((visible) => visible.key === entry.key);
}
