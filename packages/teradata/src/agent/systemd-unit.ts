/** Where the agent's files live on the source VM. */
export interface AgentPaths {
  /** The generated configuration file. */
  readonly configFile: string;
  /** The generated credentials file (username and secret id). */
  readonly credentialsFile: string;
  /** The agent's working directory; holds the extraction folder. */
  readonly workDir: string;
  /** Class path: the Teradata JDBC driver and `mirroring-agent.jar`. */
  readonly classPath: readonly string[];
  /** System user the agent runs as. */
  readonly user: string;
}

/**
 * The systemd unit that runs the migration agent without prompts: it starts only once the generated
 * configuration and credentials files exist (the files stand for `--initialize`'s answers), runs
 * `--configuration-file=`, answers the agent's one "press Enter to proceed" with a newline on standard
 * input, restarts on failure (the transfer resumes where tables were not completed) and confines the
 * agent to its working directory.
 */
export function agentSystemdUnit(paths: AgentPaths, description: string): string {
  return `[Unit]
Description=${description}
Documentation=https://cloud.google.com/bigquery/docs/migration/teradata#run_the_migration_agent
After=network-online.target vantage-express.service
Wants=network-online.target
ConditionPathExists=${paths.configFile}
ConditionPathExists=${paths.credentialsFile}

[Service]
Type=simple
User=${paths.user}
Group=${paths.user}
WorkingDirectory=${paths.workDir}
ExecStart=/usr/bin/java -cp ${paths.classPath.join(':')} com.google.cloud.bigquery.dms.Agent --configuration-file=${paths.configFile}
StandardInput=data
StandardInputData=Cg==
StandardOutput=journal
StandardError=journal
Restart=on-failure
RestartSec=30
UMask=0077
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
ReadWritePaths=${paths.workDir}

[Install]
WantedBy=multi-user.target
`;
}
