/**
 * The APIs the labs use, enabled once per project by the foundation (never per environment). Project IAM
 * grants (an environment's `jobUser`) go through the Cloud Resource Manager API; impersonating a runner
 * goes through IAM Service Account Credentials. The Teradata lab's source VM needs Secret Manager (its
 * password), IAP (SSH without an external IP), OS Login, and Pub/Sub (the transfer's agent notifications).
 * (No Pulumi here: `labs doctor` reads it too.)
 */
export const LAB_APIS = [
  'cloudresourcemanager.googleapis.com',
  'serviceusage.googleapis.com',
  'bigquery.googleapis.com',
  'bigquerydatatransfer.googleapis.com',
  'bigquerymigration.googleapis.com',
  'compute.googleapis.com',
  'storage.googleapis.com',
  'aiplatform.googleapis.com',
  'iam.googleapis.com',
  'iamcredentials.googleapis.com',
  'sts.googleapis.com',
  'secretmanager.googleapis.com',
  'iap.googleapis.com',
  'oslogin.googleapis.com',
  'pubsub.googleapis.com',
] as const;

/** The API a customer-managed key needs, enabled only when one is configured. */
export const KMS_API = 'cloudkms.googleapis.com';
