/**
 * The side menu, and the single source of truth for which routes a user may
 * visit: a route is allowed exactly when its entry is in the user's menu.
 */
import {
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
};

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
}

const module = (key: string, label: string, path: string, icon: Icon, summary: string): MenuEntry => ({
  key,
  label,
  path,
  icon,
  kind: MODULE_PAGES[key] ?? 'placeholder',
  summary,
  nested: key === 'clientes',
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

export const USERS_ENTRY: MenuEntry = {
  key: 'usuarios',
  label: 'Usuários',
  path: '/usuarios',
  icon: IconUserCog,
  kind: 'users',
};

export const MASTER_ENTRIES: readonly MenuEntry[] = [
  { key: 'master-empresas', label: 'Empresas', path: '/master/empresas', icon: IconBuildingStore, kind: 'tenants' },
  { key: 'master-planos', label: 'Planos', path: '/master/planos', icon: IconPackages, kind: 'plans' },
];

/** Every routable entry, for building the routes. */
export const ALL_ENTRIES: readonly MenuEntry[] = [...MODULE_ENTRIES, USERS_ENTRY, ...MASTER_ENTRIES];

export function visibleMenu(me: Me): MenuEntry[] {
  if (me.is_master) return [...MASTER_ENTRIES];
  const entries = MODULE_ENTRIES.filter((entry) => canUseModule(me, entry.key));
  if (hasPermission(me, 'usuarios:read')) entries.push(USERS_ENTRY);
  return entries;
}

export function canVisit(me: Me, entry: MenuEntry): boolean {
  return visibleMenu(me).some((visible) => visible.key === entry.key);
}
