/** Registers only the chart.js parts the charts use, once, plus the annotation plugin. */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Title,
  Tooltip,
} from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';

ChartJS.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend, Title, annotationPlugin);
// The on-screen charts carry their key and title in HTML; printed images turn these on.
ChartJS.defaults.plugins.legend.display = false;
ChartJS.defaults.plugins.title.display = false;

/** Office-like defaults: system fonts, calm greys. */
ChartJS.defaults.font.family = "'Segoe UI', -apple-system, 'Helvetica Neue', Arial, sans-serif";
ChartJS.defaults.font.size = 12;
ChartJS.defaults.color = '#424242';
ChartJS.defaults.borderColor = '#e6e6e6';

export { ChartJS };
