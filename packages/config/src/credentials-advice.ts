/** What to do when the CLI finds no AWS credentials: the same advice in every command. */
export const AWS_CREDENTIALS_ADVICE = 'configure AWS credentials: AWS_PROFILE, SSO or an instance role; never access keys in files';

/** What to do when Google's Application Default Credentials are missing: the same advice in every command. */
export const GCP_CREDENTIALS_ADVICE = "run 'gcloud auth application-default login'; never a key file";
