/**
 * Domain types derived from the generated OpenAPI schema *by path*, so they
 * keep working whatever the backend names its Pydantic models.
 */
import type { paths } from './schema';

type JsonBody<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type SuccessJson<Op> = Op extends { responses: infer R }
  ? R extends { 200: infer X }
    ? JsonBody<X>
    : R extends { 201: infer X }
      ? JsonBody<X>
      : never
  : never;
type RequestJson<Op> = Op extends { requestBody?: infer B }
  ? B extends { content: { 'application/json': infer T } }
    ? T
    : never
  : never;

export type TokenPair = SuccessJson<paths['/api/auth/login']['post']>;
export type Me = SuccessJson<paths['/api/me']['get']>;
export type User = SuccessJson<paths['/api/users/{user_id}']['get']>;
export type UserPage = SuccessJson<paths['/api/users']['get']>;
export type UserCreate = RequestJson<paths['/api/users']['post']>;
export type UserUpdate = RequestJson<paths['/api/users/{user_id}']['patch']>;
export type RoleList = SuccessJson<paths['/api/roles']['get']>;
export type Role = RoleList['items'][number];
export type PermissionInfo = RoleList['catalog'][number];
export type DataScope = Role['data_scope'];
export type ModuleInfo = SuccessJson<paths['/api/master/modules']['get']>['items'][number];
export type Plan = SuccessJson<paths['/api/master/plans/{plan_id}']['get']>;
export type PlanCreate = RequestJson<paths['/api/master/plans']['post']>;
export type Tenant = SuccessJson<paths['/api/master/tenants/{tenant_id}']['get']>;
export type TenantCreate = RequestJson<paths['/api/master/tenants']['post']>;
export type TenantUpdate = RequestJson<paths['/api/master/tenants/{tenant_id}']['patch']>;

// Clientes
export type Client = SuccessJson<paths['/api/clients/{client_id}']['get']>;
export type ClientPage = SuccessJson<paths['/api/clients']['get']>;
export type ClientListQuery = NonNullable<paths['/api/clients']['get']['parameters']['query']>;
export type ClientCreate = RequestJson<paths['/api/clients']['post']>;
export type ClientUpdate = RequestJson<paths['/api/clients/{client_id}']['patch']>;
export type TimelinePage = SuccessJson<paths['/api/clients/{client_id}/timeline']['get']>;
export type TimelineEvent = TimelinePage['items'][number];
export type CustomFieldList = SuccessJson<paths['/api/clients/custom-fields']['get']>;
export type CustomField = CustomFieldList['items'][number];
export type ClientImport = SuccessJson<paths['/api/clients/imports/{import_id}']['get']>;
export type ImportRowPage = SuccessJson<paths['/api/clients/imports/{import_id}/rows']['get']>;
export type ImportRow = ImportRowPage['items'][number];
export type MergeRequest = RequestJson<paths['/api/clients/{client_id}/merge']['post']>;

// Funil
export type Board = SuccessJson<paths['/api/funnel']['get']>;
export type BoardStage = Board['stages'][number];
export type FunnelCard = SuccessJson<paths['/api/funnel/cards/{card_id}']['get']>;
export type CardPage = SuccessJson<paths['/api/funnel/stalled']['get']>;
export type CardUpdate = RequestJson<paths['/api/funnel/cards/{card_id}']['patch']>;
export type CardMove = RequestJson<paths['/api/funnel/cards/{card_id}/move']['post']>;
export type FunnelSettings = SuccessJson<paths['/api/funnel/settings']['get']>;

// Dashboard
export type Dashboard = SuccessJson<paths['/api/dashboard']['get']>;

// Integrações
export type IntegrationList = SuccessJson<paths['/api/integrations']['get']>;
export type Integration = IntegrationList['items'][number];
export type IntegrationUpdate = RequestJson<paths['/api/integrations/{kind}']['put']>;
export type SecretState = Integration['secrets'][string];
export type TestResult = SuccessJson<paths['/api/integrations/{kind}/test']['post']>;

// WhatsApp
export type WhatsAppStatus = SuccessJson<paths['/api/whatsapp/status']['get']>;
export type WhatsAppTemplate = WhatsAppStatus['templates'][number];
export type ConversationPage = SuccessJson<paths['/api/whatsapp/conversations']['get']>;
export type Conversation = ConversationPage['items'][number];
export type InboxFilter = NonNullable<NonNullable<paths['/api/whatsapp/conversations']['get']['parameters']['query']>['filter']>;
export type MessagePage = SuccessJson<paths['/api/whatsapp/conversations/{conversation_id}/messages']['get']>;
export type WaMessage = MessagePage['items'][number];
export type SendMessageBody = RequestJson<paths['/api/whatsapp/conversations/{conversation_id}/messages']['post']>;
export type SandboxInbound = RequestJson<paths['/api/whatsapp/sandbox/inbound']['post']>;

// Tarefas
export type TaskPage = SuccessJson<paths['/api/tasks']['get']>;
export type Task = TaskPage['items'][number];
export type TaskView = NonNullable<NonNullable<paths['/api/tasks']['get']['parameters']['query']>['view']>;
export type TaskCreate = RequestJson<paths['/api/tasks']['post']>;
export type TaskUpdate = RequestJson<paths['/api/tasks/{task_id}']['patch']>;
export type TaskNotifications = SuccessJson<paths['/api/tasks/notifications']['get']>;
export type TaskPriority = Task['priority'];
export type TaskStatus = Task['status'];

// Agendamentos
export type SchedulePage = SuccessJson<paths['/api/schedules']['get']>;
export type Schedule = SchedulePage['items'][number];
export type ScheduleQuery = NonNullable<paths['/api/schedules']['get']['parameters']['query']>;
export type ScheduleBody = RequestJson<paths['/api/schedules']['post']>;
export type ScheduleStatus = Schedule['status'];
export type Channel = Schedule['channel'];
export type Purpose = Schedule['purpose'];
export type TemplateList = SuccessJson<paths['/api/schedules/templates']['get']>;
export type MessageTemplate = TemplateList['items'][number];
export type MessageTemplateBody = RequestJson<paths['/api/schedules/templates']['post']>;
export type PreviewRequest = RequestJson<paths['/api/schedules/preview']['post']>;
export type Preview = SuccessJson<paths['/api/schedules/preview']['post']>;

// Catálogo
export type CatalogPage = SuccessJson<paths['/api/catalog']['get']>;
export type CatalogItem = CatalogPage['items'][number];
export type CatalogQuery = NonNullable<paths['/api/catalog']['get']['parameters']['query']>;
export type CatalogItemCreate = RequestJson<paths['/api/catalog']['post']>;
export type CatalogItemUpdate = RequestJson<paths['/api/catalog/{item_id}']['patch']>;
export type CatalogKind = CatalogItem['kind'];
export type Recurrence = CatalogItem['recurrence'];

// Dados da empresa
export type CompanyProfile = SuccessJson<paths['/api/company/profile']['get']>;
export type CompanyProfileUpdate = RequestJson<paths['/api/company/profile']['put']>;

// Documentos
export type DocPage = SuccessJson<paths['/api/documents']['get']>;
export type Doc = SuccessJson<paths['/api/documents/{document_id}']['get']>;
export type DocQuery = NonNullable<paths['/api/documents']['get']['parameters']['query']>;
export type DocCreate = RequestJson<paths['/api/documents']['post']>;
export type DocItemInput = DocCreate['items'][number];
export type DocInstallmentInput = NonNullable<DocCreate['installments']>[number];
export type DocKind = Doc['kind'];
export type DocStatus = Doc['status'];
export type DocSendRequest = RequestJson<paths['/api/documents/{document_id}/send']['post']>;
export type DocChannel = DocSendRequest['channel'];
export type DocTemplates = SuccessJson<paths['/api/documents/templates']['get']>;
export type DocTemplate = DocTemplates['items'][number];
export type DocPlaceholder = DocTemplates['placeholders'][number];

// Cobranças
export type ChargePage = SuccessJson<paths['/api/charges']['get']>;
export type Charge = SuccessJson<paths['/api/charges/{charge_id}']['get']>;
export type ChargeQuery = NonNullable<paths['/api/charges']['get']['parameters']['query']>;
export type ChargeStatus = Charge['status'];
export type ChargeForm = Charge['forms'][number];
export type ChargeCreate = RequestJson<paths['/api/charges']['post']>;
export type ChargeTotals = SuccessJson<paths['/api/charges/totals']['get']>;
export type SeriesCreate = RequestJson<paths['/api/charges/series']['post']>;
export type SeriesPreview = SuccessJson<paths['/api/charges/series/preview']['post']>;
export type ChargeSeries = SuccessJson<paths['/api/charges/series/{series_id}']['get']>;
export type ChargeSettings = SuccessJson<paths['/api/charges/settings']['get']>;
export type ChargeFigures = NonNullable<Dashboard['charges']>;
