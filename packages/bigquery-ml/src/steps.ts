import { LabsError } from '@labs/config';
import type { LabSettings, ModelId } from './lab-settings';
import type { Statement } from './sql-values';
import { createModelStatement, evaluateQuery, predictQuery, returnBuyersQuery, rocCurveQuery, topTimeOnSiteQuery } from './sql/statements';

/** What a step's rows mean, so results can be read back without looking at the SQL. */
export type StepKind = 'explore-buyers' | 'explore-top-visitors' | 'train' | 'evaluate' | 'roc' | 'predict';

/** One step of the lab, in the order the seed runs them. */
export interface LabStep {
  /** Step id for `--step`, such as `train-model-1`. */
  readonly id: string;
  /** One-line description for progress output. */
  readonly title: string;
  readonly kind: StepKind;
  /** The model the step trains, evaluates or predicts with. */
  readonly model?: ModelId;
  readonly statement: Statement;
}

/** Every step of the lab in order: explore, train/evaluate/ROC model 1, then model 2, then predict. */
export function labSteps(settings: LabSettings): LabStep[] {
  const modelSteps = (model: ModelId, inputs: string): LabStep[] => [
    {
      id: `train-${model}`,
      title: `train ${model} (logistic_reg on ${inputs})`,
      kind: 'train',
      model,
      statement: createModelStatement(settings, model),
    },
    {
      id: `evaluate-${model}`,
      title: `evaluate ${model} (ML.EVALUATE)`,
      kind: 'evaluate',
      model,
      statement: evaluateQuery(settings, model),
    },
    { id: `roc-${model}`, title: `ROC curve of ${model} (ML.ROC_CURVE)`, kind: 'roc', model, statement: rocCurveQuery(settings, model) },
  ];
  return [
    {
      id: 'explore-buyers',
      title: 'visitors who bought on a return visit',
      kind: 'explore-buyers',
      statement: returnBuyersQuery(settings),
    },
    {
      id: 'explore-top-visitors',
      title: 'top first visits by time on site',
      kind: 'explore-top-visitors',
      statement: topTimeOnSiteQuery(settings),
    },
    ...modelSteps('model-1', 'bounces, time on site'),
    ...modelSteps('model-2', 'checkout progress, pageviews, traffic source, device, country'),
    {
      id: 'predict',
      title: `predict ${settings.windows.predict.start}..${settings.windows.predict.end} with model-2 (ML.PREDICT)`,
      kind: 'predict',
      model: 'model-2',
      statement: predictQuery(settings),
    },
  ];
}

/** The steps `--step` selects: one by id, or all when no id is given. */
export function selectSteps(steps: readonly LabStep[], id?: string): LabStep[] {
  if (id === undefined) return [...steps];
  const step = steps.find((candidate) => candidate.id === id);
  if (!step) throw new LabsError(`unknown step "${id}": expected one of ${steps.map((s) => s.id).join(', ')}`);
  return [step];
}
