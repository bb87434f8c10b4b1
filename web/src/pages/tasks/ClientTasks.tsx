/** The client page's "Tarefas" tab: the client's tasks (open and closed), newest deadline last. */
import { TaskList } from './TaskList';

export default function ClientTasks({ clientId }: { clientId: string }) {
  return (
    <TaskList
      query={{ view: 'client', clientId }}
      empty='Nenhuma tarefa para este cliente. Use "Criar retorno" para agendar o próximo contato.'
      hideClient
    />
  );
}
