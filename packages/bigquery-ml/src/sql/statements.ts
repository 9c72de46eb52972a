import { quoted } from '../identifiers';
import type { LabSettings, ModelId } from '../lab-settings';
import { qualityBandSql } from '../quality';
import { SqlValues, type Statement } from '../sql-values';
import { model1Rows, model2Rows } from './features';
import { LABEL_COLUMN, visitorLabelQuery } from './visitor-label';

/** The probabilities column `ML.PREDICT` adds for the label. */
export const PROBS_COLUMN = `predicted_${LABEL_COLUMN}_probs`;

/** Which window a model's rows come from. */
type Phase = 'train' | 'evaluate' | 'predict';

/** A model's input rows for one phase of the lab. */
function modelRows(settings: LabSettings, model: ModelId, phase: Phase, values: SqlValues): string {
  const window = { range: settings.windows[phase], prefix: phase };
  return model === 'model-1' ? model1Rows(settings.source, values, window) : model2Rows(settings.source, values, window);
}

/** Indents a nested query by two spaces per level. */
function nested(sql: string): string {
  return sql.replace(/\n/g, '\n    ');
}

/** Exploration: how many visitors did and did not buy on a return visit. */
export function returnBuyersQuery(settings: LabSettings): Statement {
  return new SqlValues('parameters').statement(`WITH all_visitor_stats AS (
  ${visitorLabelQuery(settings.source)}
)
SELECT
  ${LABEL_COLUMN},
  COUNT(DISTINCT fullVisitorId) AS total_visitors
FROM all_visitor_stats
GROUP BY ${LABEL_COLUMN}
ORDER BY ${LABEL_COLUMN}`);
}

/** Exploration: the first visits with the most time on site, and whether the visitor came back to buy. */
export function topTimeOnSiteQuery(settings: LabSettings, limit = 10): Statement {
  const values = new SqlValues('parameters');
  const rows = model1Rows(settings.source, values);
  return values.statement(`${rows}
ORDER BY time_on_site DESC
LIMIT ${values.count('top_limit', limit)}`);
}

/** `CREATE OR REPLACE MODEL`: a `logistic_reg` model trained on the train window (values as literals, see `ValueMode`). */
export function createModelStatement(settings: LabSettings, model: ModelId): Statement {
  const values = new SqlValues('literals');
  return values.statement(`CREATE OR REPLACE MODEL ${quoted(settings.models[model])}
OPTIONS (
  model_type = 'logistic_reg',
  input_label_cols = ['${LABEL_COLUMN}']
)
AS
${modelRows(settings, model, 'train', values)}`);
}

/** `ML.EVALUATE` on the evaluate window, with the lab's quality band. */
export function evaluateQuery(settings: LabSettings, model: ModelId): Statement {
  const values = new SqlValues('parameters');
  const rows = modelRows(settings, model, 'evaluate', values);
  return values.statement(`SELECT
  roc_auc,
  accuracy,
  precision,
  recall,
  ${qualityBandSql()} AS model_quality
FROM ML.EVALUATE(MODEL ${quoted(settings.models[model])}, (
    ${nested(rows)}
  ))`);
}

/** `ML.ROC_CURVE` on the evaluate window: recall (true positive rate) against false positive rate. */
export function rocCurveQuery(settings: LabSettings, model: ModelId): Statement {
  const values = new SqlValues('parameters');
  const rows = modelRows(settings, model, 'evaluate', values);
  return values.statement(`SELECT
  threshold,
  recall,
  false_positive_rate
FROM ML.ROC_CURVE(MODEL ${quoted(settings.models[model])}, (
    ${nested(rows)}
  ))
ORDER BY threshold DESC`);
}

/** `ML.PREDICT` with model 2 on the predict window: each visitor's label and class probabilities. */
export function predictQuery(settings: LabSettings): Statement {
  const values = new SqlValues('parameters');
  const rows = modelRows(settings, 'model-2', 'predict', values);
  return values.statement(`SELECT
  ${LABEL_COLUMN},
  ${PROBS_COLUMN}
FROM ML.PREDICT(MODEL ${quoted(settings.models['model-2'])}, (
    ${nested(rows)}
  ))`);
}
