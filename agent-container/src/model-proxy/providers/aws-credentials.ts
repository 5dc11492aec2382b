/** The credential chain behind Bedrock calls: first source that answers wins; refreshed before expiry. */
import {
  containerSource,
  environmentSource,
  instanceMetadataSource,
  type AwsCredentials,
  type CredentialSource,
  type SourceOptions,
} from "./aws-credential-sources.ts";

export type { AwsCredentials } from "./aws-credential-sources.ts";

export interface CredentialProvider {
  get(): Promise<AwsCredentials>;
}

/** Refresh this long before expiry, so that a signed request never races the expiry. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export class NoAwsCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NoAwsCredentialsError";
  }
}

export class AwsCredentialChain implements CredentialProvider {
  readonly #sources: CredentialSource[];
  readonly #now: () => number;
  #current: AwsCredentials | null = null;
  #pending: Promise<AwsCredentials> | null = null;

  constructor(sources: CredentialSource[], now: () => number = Date.now) {
    this.#sources = sources;
    this.#now = now;
  }

  async get(): Promise<AwsCredentials> {
    const current = this.#current;
    if (current && !this.#due(current)) return current;
    // Single flight: concurrent requests share one refresh.
    this.#pending ??= this.#load().finally(() => {
      this.#pending = null;
    });
    try {
      return await this.#pending;
    } catch (error) {
      // A failed early refresh is not fatal while the old credentials are still valid.
      if (current && (current.expiresAt === undefined || current.expiresAt > this.#now())) return current;
      throw error;
    }
  }

  #due(credentials: AwsCredentials): boolean {
    return credentials.expiresAt !== undefined && credentials.expiresAt - this.#now() <= REFRESH_MARGIN_MS;
  }

  async #load(): Promise<AwsCredentials> {
    const failures: string[] = [];
    for (const source of this.#sources) {
      try {
        const credentials = await source.load();
        this.#current = credentials;
        return credentials;
      } catch (error) {
        failures.push(`${source.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    throw new NoAwsCredentialsError(
      `no AWS credentials for Bedrock (${failures.join("; ") || "no source configured"}). ` +
        "Provide AWS_CONTAINER_CREDENTIALS_FULL_URI or _RELATIVE_URI (AgentCore, ECS), " +
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or an EC2 instance role",
    );
  }
}

/** The chain in the order a container on AgentCore/ECS, a developer shell and EC2 provide credentials. */
export function awsCredentialChain(env: NodeJS.ProcessEnv, options: SourceOptions & { now?: () => number } = {}): AwsCredentialChain {
  const sources = [containerSource(env, options), environmentSource(env), instanceMetadataSource(env, options)];
  return new AwsCredentialChain(
    sources.filter((s): s is CredentialSource => s !== null),
    options.now,
  );
}
