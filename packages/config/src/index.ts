export { LabsError } from './errors';
export { type Cloud, getLab, LAB_IDS, type LabDefinition, type LabId, LABS, labsOf } from './labs';
export {
  environment,
  type Environment,
  FOUNDATION_STACK,
  parseStackName,
  resourceName,
  STACK_PREFIX,
  stackName,
  validateEnvName,
} from './environment';
export { DEFAULT_MAX_TTL, DEFAULT_TTL, expiryFrom, MIN_TTL, parseDuration, parseTtl } from './ttl';
export {
  awsTags,
  formatAwsExpiry,
  formatLabelExpiry,
  foundationTags,
  gcpLabels,
  gcpLabelValue,
  parseExpiry,
  TAG_KEYS,
  type TagInput,
} from './tags';
export {
  configValue,
  loadProjectConfig,
  loadProjectConfigFile,
  parseProjectConfig,
  type PriceTable,
  PROJECT_CONFIG_FILE,
  type ProjectConfig,
  projectConfigSchema,
} from './project-config';
export { type CostLine, hourlyCost, KINESIS_DATA_PRODUCER_RATE, sinkHourlyCost, totalPerHour } from './cost';
export { resolveOwner } from './owner';
export { AWS_FOUNDATION_NAMES, deploymentRoleName } from './aws-foundation';
export { seededRandom } from './seeded-random';
export { redact } from './redact';
export {
  AWS_SUBJECT_TOKEN_TYPE,
  type AwsExternalAccountConfig,
  awsExternalAccountConfig,
  type AwsExternalAccountInputs,
  BIGQUERY_INSERT_SCOPE,
  type ExternalAccountEndpoints,
  SENSOR_SINK_ACCOUNT_ID,
  SENSOR_SINK_ROLE_PREFIX,
  SENSOR_SINK_RUNTIME,
  SENSOR_TABLE,
} from './external-account';
export { type Clock, every, sleep, systemClock } from './clock';
export { mapLimited } from './map-limited';
export { AWS_CREDENTIALS_ADVICE, GCP_CREDENTIALS_ADVICE } from './credentials-advice';
export { GITHUB_OIDC_ISSUER, GITHUB_OIDC_ISSUER_URL, type GithubTarget, githubSubject, githubTarget } from './github-target';
