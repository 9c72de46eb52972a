import { ZetaSql } from '@labs/testing';
import { labSettings, labSteps, SEED_WINDOWS, type LabStep } from '../src';

const settings = labSettings({ project: 'my-lab-project', dataset: 'ecommerce_alice' });
const steps = labSteps(settings);
const step = (id: string): LabStep => {
  const found = steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
};

describe('lab statements', () => {
  let zeta: ZetaSql;
  beforeAll(async () => {
    zeta = await ZetaSql.start();
  }, 60_000);
  afterAll(() => zeta.stop());

  it.each(steps.map((s) => [s.id, s] as const))('%s parses with ZetaSQL (GoogleSQL)', async (_id, s) => {
    expect(await zeta.check(s.statement.sql)).toEqual({ ok: true });
  });

  it('ZetaSQL rejects a broken statement, so the checks above can fail', async () => {
    const broken = step('evaluate-model-1').statement.sql.replace('ML.EVALUATE(MODEL', 'ML.EVALUATE(MODEL MODEL');
    expect(await zeta.check(broken)).toMatchObject({ ok: false });
  });
});

describe('step order and contents', () => {
  it('runs the seed order: explore, model 1, model 2, predict', () => {
    expect(steps.map((s) => s.id)).toEqual([
      'explore-buyers',
      'explore-top-visitors',
      'train-model-1',
      'evaluate-model-1',
      'roc-model-1',
      'train-model-2',
      'evaluate-model-2',
      'roc-model-2',
      'predict',
    ]);
  });

  it('trains logistic_reg models with the label column, on first visits in the train window, values as literals', () => {
    const train1 = step('train-model-1').statement;
    expect(train1.sql).toContain('CREATE OR REPLACE MODEL `my-lab-project.ecommerce_alice.classification_model`');
    expect(train1.sql).toContain("model_type = 'logistic_reg'");
    expect(train1.sql).toContain("input_label_cols = ['will_buy_on_return_visit']");
    expect(train1.sql).toContain("date BETWEEN '20160801' AND '20170430'");
    expect(train1.sql).toContain('totals.newVisits = 1');
    expect(train1.sql).toContain('FROM `data-to-insights.ecommerce.web_analytics`');
    expect(train1.sql).toMatch(/IFNULL\(totals.bounces, 0\) AS bounces,\s+IFNULL\(totals.timeOnSite, 0\) AS time_on_site\s+FROM/);
    expect(train1.params).toEqual({});
    const train2 = step('train-model-2').statement.sql;
    expect(train2).toContain('`my-lab-project.ecommerce_alice.classification_model_2`');
    for (const column of [
      'MAX(CAST(h.eCommerceAction.action_type AS INT64)) AS latest_ecommerce_progress',
      'IFNULL(totals.pageviews, 0) AS pageviews',
      'trafficSource.source',
      'trafficSource.medium',
      'channelGrouping',
      'device.deviceCategory',
      "IFNULL(geoNetwork.country, '') AS country",
    ]) {
      expect(train2).toContain(column);
    }
    expect(train2).toContain("date BETWEEN '20160801' AND '20170430'");
  });

  it('labels a visitor 1 when a non-first visit has a transaction', () => {
    expect(step('explore-buyers').statement.sql).toContain(
      'IF(COUNTIF(totals.transactions > 0 AND totals.newVisits IS NULL) > 0, 1, 0) AS will_buy_on_return_visit',
    );
  });

  it('evaluates and draws ROC on the evaluate window through query parameters', () => {
    for (const id of ['evaluate-model-1', 'roc-model-2']) {
      const { sql, params } = step(id).statement;
      expect(sql).toContain('date BETWEEN @evaluate_start AND @evaluate_end');
      expect(sql).not.toContain('20170501');
      expect(params).toEqual({ evaluate_start: '20170501', evaluate_end: '20170630' });
    }
    const evaluate = step('evaluate-model-1').statement.sql;
    expect(evaluate).toContain('ML.EVALUATE(MODEL `my-lab-project.ecommerce_alice.classification_model`');
    expect(evaluate).toMatch(/SELECT\s+roc_auc,\s+accuracy,\s+precision,\s+recall,/);
    expect(evaluate).toContain("WHEN roc_auc > 0.9 THEN 'good'");
    expect(evaluate).toContain("WHEN roc_auc > 0.6 THEN 'not great'");
    expect(evaluate).toContain("ELSE 'poor'");
    expect(step('roc-model-2').statement.sql).toContain('ML.ROC_CURVE(MODEL `my-lab-project.ecommerce_alice.classification_model_2`');
  });

  it('predicts July 2017 with model 2, returning the label and the class probabilities', () => {
    const { sql, params } = step('predict').statement;
    expect(sql).toContain('ML.PREDICT(MODEL `my-lab-project.ecommerce_alice.classification_model_2`');
    expect(sql).toMatch(/SELECT\s+will_buy_on_return_visit,\s+predicted_will_buy_on_return_visit_probs\s+FROM/);
    expect(params).toEqual({ predict_start: '20170701', predict_end: '20170801' });
  });

  it('explores the whole table, top visitors limited by a parameter', () => {
    const { sql, params } = step('explore-top-visitors').statement;
    expect(sql).not.toContain('date BETWEEN');
    expect(sql).toContain('ORDER BY time_on_site DESC\nLIMIT @top_limit');
    expect(params).toEqual({ top_limit: 10 });
  });

  it('follows custom windows and source table', () => {
    const custom = labSettings({
      project: 'my-lab-project',
      dataset: 'ds',
      source: { project: 'other-project', dataset: 'ga', name: 'sessions_2018' },
      windows: { ...SEED_WINDOWS, predict: { start: '2017-07-01', end: '2017-07-31' } },
    });
    const predict = labSteps(custom).find((s) => s.id === 'predict')!.statement;
    expect(predict.params).toEqual({ predict_start: '20170701', predict_end: '20170731' });
    expect(predict.sql).toContain('FROM `other-project.ga.sessions_2018`');
  });
});
