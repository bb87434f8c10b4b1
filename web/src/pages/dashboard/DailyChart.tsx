/** Daily leads and closings (lazy chunk: recharts stays out of the main bundle). */
import '@mantine/core/styles/ColorSwatch.css';
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import type { Dashboard } from '../../api/types';

export default function DailyChart({ daily }: { daily: Dashboard['daily'] }) {
  const data = daily.map((day) => ({ dia: `${day.date.slice(8, 10)}/${day.date.slice(5, 7)}`, Leads: day.leads, Fechamentos: day.closed }));
  return (
    <BarChart
      h={260}
      data={data}
      dataKey="dia"
      series={[
        { name: 'Leads', color: 'blue.6' },
        { name: 'Fechamentos', color: 'green.6' },
      ]}
      withLegend
      legendProps={{ verticalAlign: 'bottom' }}
      yAxisProps={{ allowDecimals: false }}
      tickLine="y"
      gridAxis="y"
      data-testid="dashboard-chart"
    />
  );
}
