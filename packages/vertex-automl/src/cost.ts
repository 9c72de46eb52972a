/** Vertex AI prices the lab needs (USD), from the project's price table. */
export interface VertexPrices {
  /** AutoML image classification training, per node hour. */
  readonly trainingNodeHour: number;
  /** A deployed AutoML image classification model, per node hour. */
  readonly endpointNodeHour: number;
}

/** The most a training budget can cost: Vertex AI never bills more node hours than the budget. */
export function trainingCostUsd(budgetMilliNodeHours: number, prices: VertexPrices): number {
  return (budgetMilliNodeHours / 1000) * prices.trainingNodeHour;
}

/** What a deployment costs per hour while it stays deployed. */
export function endpointCostPerHourUsd(nodes: number, prices: VertexPrices): number {
  return nodes * prices.endpointNodeHour;
}
