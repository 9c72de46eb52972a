import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import 'uplot/dist/uPlot.min.css';
import './style.css';
import { BqmlView } from './bqml';
import { EnvironmentsView } from './environments';
import { KinesisDataView } from './kinesis-data';
import { KinesisVideoView } from './kinesis-video';
import { LabsView } from './labs';
import { TeradataView } from './teradata';

/** The console's views, by URL fragment. */
const VIEWS = [
  { id: 'environments', title: 'Environments', view: EnvironmentsView },
  { id: 'labs', title: 'Labs', view: LabsView },
  { id: 'kinesis-data', title: 'Kinesis Data', view: KinesisDataView },
  { id: 'kinesis-video', title: 'Kinesis Video', view: KinesisVideoView },
  { id: 'bqml', title: 'BigQuery ML', view: BqmlView },
  { id: 'teradata', title: 'Teradata', view: TeradataView },
] as const;

const current = () => VIEWS.find((v) => `#${v.id}` === location.hash) ?? VIEWS[0];

function App() {
  const [view, setView] = useState(current());
  useEffect(() => {
    const follow = () => setView(current());
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  const View = view.view;
  return (
    <>
      <header>
        <h1>labs console</h1>
        <nav aria-label="Views">
          <ul>
            {VIEWS.map((v) => (
              <li key={v.id}>
                <a href={`#${v.id}`} aria-current={v.id === view.id ? 'page' : undefined}>
                  {v.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main>
        <View key={view.id} />
      </main>
    </>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
