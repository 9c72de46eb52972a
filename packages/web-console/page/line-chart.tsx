import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

/** Props of `LineChart`. */
export interface LineChartProps {
  /** Accessible name of the chart. */
  readonly label: string;
  readonly options: Omit<uPlot.Options, 'width' | 'height'>;
  /** Columns: x first, then one array per series. */
  readonly data: uPlot.AlignedData;
  readonly height?: number;
}

/** A uPlot chart that follows its data (setData on every change, no rebuild). */
export function LineChart({ label, options, data, height = 280 }: LineChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    if (!box.current) return;
    plot.current = new uPlot({ ...options, width: box.current.clientWidth || 640, height }, data, box.current);
    return () => {
      plot.current?.destroy();
      plot.current = null;
    };
  }, []);
  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);
  return <div class="chart" role="img" aria-label={label} ref={box} />;
}
