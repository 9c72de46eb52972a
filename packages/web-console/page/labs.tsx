import { usdPerHour } from './money';
import { useApi } from './use-api';

/** One lab, as `labs list --json` prints it. */
interface Lab {
  readonly id: string;
  readonly cloud: string;
  readonly title: string;
  readonly stack: string;
  readonly requiredConfig: string[];
}

/** What the console adds per lab: what it creates, its cost per hour, how to run it. */
export interface LabDetail {
  readonly id: string;
  readonly creates: string[];
  readonly usdPerHour: number;
  readonly costLines: { item: string; usdPerHour: number }[];
  readonly commands: string[];
}

/** Each lab with what it creates, its hourly cost and how to run it. */
export function LabsView() {
  const labs = useApi<Lab[]>('/api/labs');
  const details = useApi<LabDetail[]>('/api/lab-details');
  if (labs.error || details.error) return <p class="notice">Could not load the labs: {labs.error ?? details.error}</p>;
  if (!labs.data || !details.data) return <p>Loading …</p>;
  return (
    <section aria-labelledby="labs-title">
      <h2 id="labs-title">Labs</h2>
      <div class="cards">
        {labs.data.map((lab) => {
          const detail = details.data?.find((d) => d.id === lab.id);
          return (
            <article class="card" key={lab.id} aria-labelledby={`lab-${lab.id}`}>
              <h3 id={`lab-${lab.id}`}>
                {lab.id} <span class="badge">{lab.cloud.toUpperCase()}</span>
              </h3>
              <p>{lab.title}</p>
              <p>
                Stack <code>{lab.stack}</code>; needs {lab.requiredConfig.join(', ')} in labs.config.json.
              </p>
              <h4>Creates</h4>
              <ul>
                {detail?.creates.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
              <h4>About {usdPerHour(detail?.usdPerHour ?? 0)} per hour while up</h4>
              <ul>
                {detail?.costLines.map((c) => (
                  <li key={c.item}>
                    {c.item}: {usdPerHour(c.usdPerHour)}
                  </li>
                ))}
              </ul>
              <h4>Run it</h4>
              <pre>{detail?.commands.join('\n')}</pre>
            </article>
          );
        })}
      </div>
    </section>
  );
}
