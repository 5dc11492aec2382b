/**
 * Optional always-on agents (`-c alwaysOn=true`): the same agent image on ECS Fargate, for employees
 * whose agent must keep running between messages. One container serves many sessions, each in its
 * own workspace (DESIGN §5).
 *
 * Reachability: the tasks run in private subnets without public IPs; the only way in is an HTTPS
 * Application Load Balancer. Why an ALB and not API Gateway with IAM auth: the edge already calls
 * plain-HTTP runtimes (local dev, always-on) with an HMAC-SHA256 signature over `<timestamp>.<body>`
 * under the Worker secret RUNTIME_SECRET, and the container refuses unsigned or stale invocations
 * when CLAWGATE_RUNTIME_SECRET is set — so every request is authenticated end to end without a
 * second signing scheme in the edge. The load balancer adds TLS and forwards only signed
 * `POST /invocations`, plus `GET /ping` (status only) so the edge can health-check the endpoint and
 * fall back to the next routing tier; everything else is answered 404 before it reaches a task.
 * The HMAC secret is generated in Secrets Manager and injected into the task by ECS: the only
 * secret store any ClawGate AWS role can read, and only the ECS task execution role can.
 */
import { Duration, Validations } from "aws-cdk-lib";
import * as acm from "aws-cdk-lib/aws-certificatemanager";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import type * as ecr from "aws-cdk-lib/aws-ecr";
import * as ecs from "aws-cdk-lib/aws-ecs";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import { containerEnvironment } from "./agent-runtime.ts";
import type { AlwaysOnSettings } from "./config.ts";
import { modelInvokeStatements, modelWildcardAcknowledgements } from "./model-access.ts";
import type { GuardrailReference } from "./standard-guardrail.ts";

const CONTAINER_PORT = 8080;

export interface AlwaysOnServiceProps {
  prefix: string;
  settings: AlwaysOnSettings;
  repository: ecr.IRepository;
  imageTag: string;
  modelId: string;
  logRetention: logs.RetentionDays;
  guardrail?: GuardrailReference;
}

export class AlwaysOnService extends Construct {
  readonly service: ecs.FargateService;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly runtimeSecret: secretsmanager.Secret;
  readonly taskRole: iam.Role;

  constructor(scope: Construct, id: string, props: AlwaysOnServiceProps) {
    super(scope, id);
    const vpc = new ec2.Vpc(this, "Vpc", {
      maxAzs: 2,
      // One NAT gateway: the agent's shell tool gets the same outbound internet as on AgentCore.
      natGateways: 1,
      subnetConfiguration: [
        { name: "edge", subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: "agents", subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
    });
    vpc.addFlowLog("FlowLog", {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(new logs.LogGroup(this, "FlowLogs", { retention: props.logRetention })),
    });

    this.runtimeSecret = new secretsmanager.Secret(this, "RuntimeSecret", {
      secretName: `${props.prefix}/always-on/runtime-secret`,
      description: "HMAC key of the always-on agent service; the same value is the Worker secret RUNTIME_SECRET",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.runtimeSecret).acknowledge({
      id: "AwsSolutions-SMG4",
      reason: "The key is shared with the Cloudflare Worker (RUNTIME_SECRET), which Secrets Manager cannot update; rotation is the documented manual step that changes both.",
    });

    this.taskRole = new iam.Role(this, "TaskRole", {
      description: "Always-on ClawGate agents: one Bedrock model (and its guardrail), nothing else",
      assumedBy: new iam.ServicePrincipal("ecs-tasks.amazonaws.com"),
    });
    for (const statement of modelInvokeStatements(props.modelId, "InvokeOwnModel")) this.taskRole.addToPolicy(statement);
    if (props.guardrail) this.taskRole.addToPolicy(new iam.PolicyStatement({ sid: "ApplyOwnGuardrail", actions: ["bedrock:ApplyGuardrail"], resources: [props.guardrail.guardrailArn] }));
    for (const [findingId, reason] of Object.entries(modelWildcardAcknowledgements(props.modelId))) Validations.of(this.taskRole).acknowledge({ id: findingId, reason });

    const task = new ecs.FargateTaskDefinition(this, "Task", {
      cpu: 2048,
      memoryLimitMiB: 4096,
      runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.ARM64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
      taskRole: this.taskRole,
    });
    task.addContainer("Agent", {
      image: ecs.ContainerImage.fromEcrRepository(props.repository, props.imageTag),
      portMappings: [{ containerPort: CONTAINER_PORT }],
      environment: containerEnvironment(props.modelId, props.guardrail),
      secrets: { CLAWGATE_RUNTIME_SECRET: ecs.Secret.fromSecretsManager(this.runtimeSecret) },
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: "agent", logGroup: new logs.LogGroup(this, "Logs", { retention: props.logRetention }) }),
      // main.ts drains running turns on SIGTERM for CLAWGATE_SHUTDOWN_GRACE_MS (10 s), twice at most.
      stopTimeout: Duration.seconds(30),
    });
    Validations.of(task).acknowledge({
      id: "AwsSolutions-ECS2",
      reason: "The environment holds only the model id, region and guardrail id; the HMAC key comes from Secrets Manager.",
    });
    if (task.executionRole) {
      Validations.of(task.executionRole).acknowledge({
        id: "AwsSolutions-IAM5[Resource::*]",
        reason: "ecr:GetAuthorizationToken, which ECS needs to pull the image, has no resource type.",
      });
    }

    const cluster = new ecs.Cluster(this, "Cluster", { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    this.service = new ecs.FargateService(this, "Service", {
      cluster,
      taskDefinition: task,
      desiredCount: props.settings.desiredCount,
      assignPublicIp: false,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      circuitBreaker: { rollback: true },
      // Never fewer than the desired tasks during a deploy: sessions in flight keep their container.
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
    });

    this.loadBalancer = this.#loadBalancer(vpc, props.settings);
  }

  #loadBalancer(vpc: ec2.IVpc, settings: AlwaysOnSettings): elbv2.ApplicationLoadBalancer {
    const securityGroup = new ec2.SecurityGroup(this, "LoadBalancerSecurityGroup", { vpc, description: "HTTPS from the edge to the always-on load balancer", allowAllOutbound: false });
    for (const cidr of settings.ingressCidrs) securityGroup.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443), "HTTPS from the Cloudflare edge");
    if (settings.ingressCidrs.includes("0.0.0.0/0")) {
      Validations.of(securityGroup).acknowledge({
        id: "AwsSolutions-EC23",
        reason: "Workers call out from Cloudflare's shared address ranges; every forwarded request must carry a valid HMAC signature. Narrow with -c alwaysOnIngressCidrs.",
      });
    }
    const loadBalancer = new elbv2.ApplicationLoadBalancer(this, "LoadBalancer", {
      vpc,
      internetFacing: true,
      securityGroup,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      dropInvalidHeaderFields: true,
    });
    Validations.of(loadBalancer).acknowledge({
      id: "AwsSolutions-ELB2",
      reason: "Every invocation is audited by the edge (D1 audit log) and logged by the container; access logs would add an S3 bucket holding the same facts.",
    });

    const listener = loadBalancer.addListener("Https", {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [acm.Certificate.fromCertificateArn(this, "Certificate", settings.certificateArn)],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false,
      defaultAction: elbv2.ListenerAction.fixedResponse(404, { contentType: "text/plain", messageBody: "not found" }),
    });
    const tasks = listener.addTargets("SignedInvocations", {
      priority: 10,
      conditions: [
        elbv2.ListenerCondition.pathPatterns(["/invocations"]),
        elbv2.ListenerCondition.httpRequestMethods(["POST"]),
        // Unsigned requests never reach a task; the container verifies the signature itself.
        elbv2.ListenerCondition.httpHeader("x-clawgate-signature", ["v1=*"]),
      ],
      port: CONTAINER_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.service],
      healthCheck: { path: "/ping", healthyHttpCodes: "200", interval: Duration.seconds(15) },
      // A turn can stream for minutes; give running turns their drain time before a task is stopped.
      deregistrationDelay: Duration.seconds(30),
    });
    // The edge pings before routing a turn here (durable-objects/src/runtime/health.ts); /ping reveals only Healthy|HealthyBusy.
    listener.addAction("HealthPing", {
      priority: 20,
      conditions: [elbv2.ListenerCondition.pathPatterns(["/ping"]), elbv2.ListenerCondition.httpRequestMethods(["GET"])],
      action: elbv2.ListenerAction.forward([tasks]),
    });
    loadBalancer.setAttribute("idle_timeout.timeout_seconds", "900");
    return loadBalancer;
  }
}
