package lab.c10k.lab;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object every kustomization of k8s/ makes, as the real kustomize builds it, is valid for Kubernetes 1.34 and,
 * for the ServiceMonitor and the TestRun, for their CRDs (KubernetesSchemas says where each schema comes from); and
 * the check rejects what a cluster would: unknown fields, wrong types, missing required fields, unknown kinds.
 */
class K8sSchemaTest {

    private static final KubernetesSchemas SCHEMAS = new KubernetesSchemas();

    static List<String> kustomizations() {
        return K8sManifests.kustomizations();
    }

    @Test
    void theManifestsAreBuiltByThePinnedKustomize() {
        assertThat(Kubectl.clientVersion())
                .contains("Client Version: " + Kubectl.VERSION)
                .contains("Kustomize Version: " + Kubectl.KUSTOMIZE_VERSION);
        assertThat(kustomizations()).contains("k8s/base", "k8s/overlays/dev", "k8s/overlays/external",
                K8sManifests.LOAD);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyObjectFollowsTheSchemaOfItsKind(String kustomization) {
        List<ObjectNode> objects = K8sManifests.build(kustomization);
        assertThat(objects).isNotEmpty();
        objects.forEach(object -> assertThat(SCHEMAS.violations(object))
                .as("%s: %s %s", kustomization, object.path("kind").asString(),
                        object.path("metadata").path("name").asString())
                .isEmpty());
    }

    @Test
    void aFieldThatKubernetesDoesNotDeclareIsRejected() {
        ObjectNode deployment = deployment();
        ObjectNode container = (ObjectNode) deployment.at("/spec/template/spec/containers/0");
        container.set("readinesProbe", container.remove("readinessProbe"));

        assertThat(SCHEMAS.violations(deployment)).anySatisfy(violation -> assertThat(violation)
                .contains("/spec/template/spec/containers/0").contains("readinesProbe"));
    }

    @Test
    void aValueOfTheWrongTypeIsRejected() {
        ObjectNode autoscaler = K8sManifests.named("k8s/overlays/external", "HorizontalPodAutoscaler",
                "reactive-service").deepCopy();
        ((ObjectNode) autoscaler.get("spec")).put("minReplicas", "two");

        assertThat(SCHEMAS.violations(autoscaler))
                .anySatisfy(violation -> assertThat(violation).contains("/spec/minReplicas"));
    }

    @Test
    void aMissingRequiredFieldIsRejected() {
        ObjectNode deployment = deployment();
        ((ObjectNode) deployment.get("spec")).remove("selector");
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).remove("name");

        assertThat(SCHEMAS.violations(deployment))
                .anySatisfy(violation -> assertThat(violation).contains("selector"))
                .anySatisfy(violation -> assertThat(violation).contains("/spec/template/spec/containers/0")
                        .contains("name"));
    }

    @Test
    void anIntOrStringTakesANumberOrANameAndNothingElse() {
        ObjectNode service = K8sManifests.named("k8s/overlays/external", "Service", "blocking-service").deepCopy();
        ObjectNode port = (ObjectNode) service.at("/spec/ports/0");
        port.put("targetPort", 8080);
        assertThat(SCHEMAS.violations(service)).isEmpty();

        port.put("targetPort", true);
        assertThat(SCHEMAS.violations(service)).anySatisfy(violation -> assertThat(violation)
                .contains("/spec/ports/0/targetPort"));
    }

    @Test
    void anObjectOfAKindWithoutASchemaOrOfAnotherApiVersionIsRejected() {
        ObjectNode deployment = deployment();
        deployment.put("apiVersion", "extensions/v1beta1");
        assertThat(SCHEMAS.violations(deployment)).singleElement().asString().startsWith("no schema for");

        ObjectNode service = K8sManifests.named("k8s/overlays/external", "Service", "mysql").deepCopy();
        service.put("apiVersion", "apps/v1");
        assertThat(SCHEMAS.violations(service)).singleElement().asString().startsWith("no schema for");
    }

    @Test
    void theServiceMonitorIsCheckedAgainstThePrometheusOperatorsModel() {
        ObjectNode monitor = K8sManifests.ofKind("k8s/overlays/external", "ServiceMonitor").getFirst().deepCopy();
        ObjectNode endpoint = (ObjectNode) monitor.at("/spec/endpoints/0");
        endpoint.set("metricsPath", endpoint.remove("path"));
        endpoint.put("honorLabels", "yes");

        assertThat(SCHEMAS.violations(monitor))
                .anySatisfy(violation -> assertThat(violation).contains("/spec/endpoints/0").contains("metricsPath"))
                .anySatisfy(violation -> assertThat(violation).contains("/spec/endpoints/0/honorLabels"));
    }

    @Test
    void theTestRunIsCheckedAgainstTheOperatorsSpecWithKubernetesTypesInside() {
        ObjectNode run = K8sManifests.ofKind(K8sManifests.LOAD, "TestRun").getFirst().deepCopy();
        ObjectNode spec = (ObjectNode) run.get("spec");
        spec.put("parallelism", "4");
        ((ObjectNode) spec.get("runner")).put("imagePulPolicy", "Always");
        ((ObjectNode) spec.at("/runner/env/0")).remove("name");
        ((ArrayNode) spec.at("/runner/volumes")).addObject().put("name", "x").put("emptyDirr", "{}");

        assertThat(SCHEMAS.violations(run))
                .anySatisfy(violation -> assertThat(violation).contains("/spec/parallelism"))
                .anySatisfy(violation -> assertThat(violation).contains("/spec/runner").contains("imagePulPolicy"))
                .anySatisfy(violation -> assertThat(violation).contains("/spec/runner/env/0").contains("name"))
                .anySatisfy(violation -> assertThat(violation).contains("/spec/runner/volumes/1")
                        .contains("emptyDirr"));

        spec.remove("script");
        assertThat(SCHEMAS.violations(run)).anySatisfy(violation -> assertThat(violation).contains("script"));
    }

    @Test
    void theDerivedSchemasKeepTheOpenApiDocumentsRequiredFields() {
        // Kubernetes 1.34's OpenAPI: a container needs a name; a Deployment's spec a selector and a template.
        assertThat(SCHEMAS.definitionOf(V1Container.class).get("required").valueStream()
                .map(node -> node.asString())).containsExactly("name");
        assertThat(SCHEMAS.definitionOf(V1DeploymentSpec.class).get("required").valueStream()
                .map(node -> node.asString())).containsExactlyInAnyOrder("selector", "template");
        assertThat(SCHEMAS.kinds()).contains("monitoring.coreos.com/v1/ServiceMonitor", "k6.io/v1alpha1/TestRun");
    }

    private static ObjectNode deployment() {
        return K8sManifests.named("k8s/overlays/external", "Deployment", "blocking-service").deepCopy();
    }
}
